// Makes the Testing Toolkit authenticate as a Mojaloop switch does, with the keys and certificates
// of lab/certs/make-certs:
//   node configure-security.js TTK_ROOT KEYS_DIR CM_PORT [SIGNING_FSPID]
// - mutual TLS: its FSPIOP port serves HTTPS and requires a client certificate of the run's CA
//   (INBOUND_MUTUAL_TLS_ENABLED); it calls the DFSPs over HTTPS with its client certificate
//   (CLIENT_MUTUAL_TLS_ENABLED, for every DFSP on 127.0.0.1);
// - FSPIOP signatures: it verifies every signed request it receives (VALIDATE_INBOUND_JWS) and,
//   outside hub mode, signs what it sends as SIGNING_FSPID (JWS_SIGN).
// The Toolkit takes keys and certificates from a connection manager: connection-manager.js,
// started on CM_PORT, stands in for it.
const fs = require('fs')
const path = require('path')
const [root, keys, cmPort, signingFsp] = process.argv.slice(2)
const tls = path.join(keys, 'tls')
const jws = path.join(keys, 'jws')
const copy = (from, to) => fs.copyFileSync(from, path.join(root, 'secrets', to))

fs.mkdirSync(path.join(root, 'secrets', 'tls'), { recursive: true })
copy(path.join(tls, 'switch-server.pem'), 'tls/hub_server_cert.pem')
copy(path.join(tls, 'switch-server.key'), 'tls/hub_server_key.key')
copy(path.join(tls, 'ca.pem'), 'tls/hub_server_cacert.pem')
copy(path.join(tls, 'switch-client.key'), 'tls/hub_client_key.key')
const signer = signingFsp || 'switch'
copy(path.join(jws, `${signer}.key`), 'privatekey.pem')
copy(path.join(jws, `${signer}.pem`), 'publickey.cer')

const userConfigFile = path.join(root, 'spec_files', 'user_config.json')
const user = JSON.parse(fs.readFileSync(userConfigFile, 'utf8'))
user.VALIDATE_INBOUND_JWS = true
user.VALIDATE_INBOUND_PUT_PARTIES_JWS = false
user.JWS_SIGN = !user.HUB_ONLY_MODE
user.JWS_SIGN_PUT_PARTIES = false
user.CLIENT_MUTUAL_TLS_ENABLED = true
// Outside hub mode the Toolkit fetches signature keys for its one user DFSP: the DFSP under test.
if (!user.HUB_ONLY_MODE && process.env.TTK_DFSP) {
  user.DEFAULT_USER_FSPID = process.env.TTK_DFSP
}
const hosts = new Set([user.CALLBACK_ENDPOINT, ...Object.values((user.ENDPOINTS_DFSP_WISE || {}).dfsps || {}).map(d => d.defaultEndpoint)]
  .filter(Boolean).map(url => new URL(url).host))
user.CLIENT_TLS_CREDS = [...hosts].map(host => ({
  HOST: host,
  CERT: fs.readFileSync(path.join(tls, 'switch-client.pem'), 'utf8'),
  KEY: fs.readFileSync(path.join(tls, 'switch-client.key'), 'utf8')
}))
fs.writeFileSync(userConfigFile, JSON.stringify(user, null, 2))

const systemConfigFile = path.join(root, 'spec_files', 'system_config.json')
const system = JSON.parse(fs.readFileSync(systemConfigFile, 'utf8'))
system.INBOUND_MUTUAL_TLS_ENABLED = true
system.OUTBOUND_MUTUAL_TLS_ENABLED = false
system.CONNECTION_MANAGER = { ...system.CONNECTION_MANAGER, ENABLED: true, AUTH_ENABLED: false, API_URL: `http://127.0.0.1:${cmPort}` }
fs.writeFileSync(systemConfigFile, JSON.stringify(system, null, 2))
