// Writes the Testing Toolkit's user configuration for the lab: hub mode (it plays the switch,
// forwarding between the two DFSPs that the hub's tenants are), with its fspId "switch".
// The DFSP endpoints are the hub's inbound FSPIOP API.
const fs = require('fs')
const file = process.argv[2]
const hubFspiop = process.env.HUB_FSPIOP_URL || 'http://127.0.0.1:4100'
const config = JSON.parse(fs.readFileSync(file, 'utf8'))
config.HUB_ONLY_MODE = true
config.FSPID = 'switch'
config.CALLBACK_ENDPOINT = hubFspiop
config.ENDPOINTS_DFSP_WISE = {
  dfsps: {
    dfsp1: { defaultEndpoint: hubFspiop, endpoints: [] },
    dfsp2: { defaultEndpoint: hubFspiop, endpoints: [] }
  }
}
fs.writeFileSync(file, JSON.stringify(config, null, 2))
