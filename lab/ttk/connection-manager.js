#!/usr/bin/env node
// Stands for the Mojaloop connection manager (MCM) that the Testing Toolkit asks for the keys and
// certificates of a scheme: the Toolkit verifies FSPIOP signatures, signs, and speaks mutual TLS
// only with what a connection manager gives it. This one serves them from the files of
// lab/certs/make-certs, read-only:
//
//   CM_PORT      where it listens (127.0.0.1)
//   CM_JWS_DIR   <fspId>.pem: the public key each DFSP's signatures verify with
//   CM_TLS_DIR   ca.pem (the CA of every certificate), switch-client.pem (the Toolkit's client
//                certificate toward the DFSPs)
//
// GET /served lists what the Toolkit has fetched, so that a test knows when it is ready.
'use strict';

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const port = Number(process.env.CM_PORT || 5061);
const jwsDir = process.env.CM_JWS_DIR;
const tlsDir = process.env.CM_TLS_DIR;
const served = new Set();

const read = (dir, file) => {
  const full = dir && path.join(dir, file);
  return full && fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : null;
};
const dfsps = () => (jwsDir && fs.existsSync(jwsDir) ? fs.readdirSync(jwsDir) : [])
  .filter(f => f.endsWith('.pem')).map(f => ({ id: f.slice(0, -4), name: f.slice(0, -4) }));

const routes = [
  ['GET', /^\/api\/environments$/, () => [{ id: '1', name: 'TESTING-TOOLKIT' }]],
  ['POST', /^\/api\/environments$/, () => ({ id: '1', name: 'TESTING-TOOLKIT' })],
  ['GET', /^\/api\/environments\/[^/]+\/dfsps$/, () => [...dfsps(), { id: 'testingtoolkitdfsp', name: 'Testing Toolkit DFSP' }]],
  ['POST', /^\/api\/environments\/[^/]+\/dfsps$/, (m, body) => body],
  ['GET', /^\/api\/environments\/[^/]+\/dfsps\/([^/]+)\/jwscerts$/, m => {
    const pem = read(jwsDir, `${m[1]}.pem`);
    if (!pem) return null;
    served.add(`jwscerts:${m[1]}`);
    return { id: m[1], jwsCertificate: pem, rootCertificate: null, intermediateChain: null };
  }],
  ['POST', /^\/api\/environments\/[^/]+\/dfsps\/([^/]+)\/jwscerts$/, (m, body) => ({ id: m[1], ...body })],
  ['PUT', /^\/api\/environments\/[^/]+\/dfsps\/([^/]+)\/jwscerts$/, (m, body) => ({ id: m[1], ...body })],
  ['GET', /^\/api\/environments\/[^/]+\/ca\/rootCert$/, () => { served.add('tls:ca'); return { certificate: read(tlsDir, 'ca.pem') }; }],
  ['POST', /^\/api\/environments\/[^/]+\/cas$/, () => ({ certificate: read(tlsDir, 'ca.pem') })],
  ['GET', /^\/api\/environments\/[^/]+\/dfsps\/[^/]+\/enrollments\/inbound$/, () => []],
  ['GET', /^\/api\/environments\/[^/]+\/dfsps\/([^/]+)\/enrollments\/outbound$/, m => {
    served.add(`tls:client:${m[1]}`);
    return [{ id: 1, validationState: 'VALID', state: 'CERT_SIGNED', certificate: read(tlsDir, 'switch-client.pem') }];
  }],
  ['POST', /^\/api\/environments\/[^/]+\/dfsps\/[^/]+\/enrollments\/outbound$/, () => ({})],
  ['GET', /^\/api\/environments\/[^/]+\/dfsps\/([^/]+)\/servercerts$/, m => {
    served.add(`tls:server:${m[1]}`);
    return { validationState: 'VALID', rootCertificate: read(tlsDir, 'ca.pem'), intermediateChain: null, serverCertificate: null };
  }],
  ['GET', /^\/api\/environments\/[^/]+\/hub\/servercerts$/, () => null],
  ['POST', /^\/api\/environments\/[^/]+\/hub\/servercerts$/, (m, body) => body],
  ['PUT', /^\/api\/environments\/[^/]+\/hub\/servercerts$/, (m, body) => body],
  ['GET', /^\/served$/, () => [...served]]
];

http.createServer((req, res) => {
  let text = '';
  req.on('data', chunk => { text += chunk; });
  req.on('end', () => {
    const url = req.url.split('?')[0];
    for (const [method, pattern, handle] of routes) {
      const match = req.method === method && pattern.exec(url);
      if (match) {
        const result = handle(match, text ? JSON.parse(text) : {});
        res.writeHead(result === null ? 404 : 200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(result === null ? { error: 'not found' } : result));
        return;
      }
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"error":"not found"}');
  });
}).listen(port, '127.0.0.1', () => console.log(`connection manager stand-in on 127.0.0.1:${port}`));
