// Writes the Testing Toolkit's configuration for the lab: hub mode (it plays the switch between
// the two DFSPs that the hub's tenants dfsp1 and dfsp2 are), with its fspId "switch", and forward
// rules: by FSPIOP-Destination, and for a first GET /parties (no destination yet) by the party's
// MSISDN, as the switch's oracle would (the lab seed's customers).
const fs = require('fs')
const path = require('path')
const specFiles = process.argv[2]
const hubFspiop = process.env.HUB_FSPIOP_URL || 'http://127.0.0.1:4100'
const userConfigFile = path.join(specFiles, 'user_config.json')
const config = JSON.parse(fs.readFileSync(userConfigFile, 'utf8'))
config.HUB_ONLY_MODE = true
config.FSPID = 'switch'
config.CALLBACK_ENDPOINT = hubFspiop
config.ENDPOINTS_DFSP_WISE = {
  dfsps: {
    dfsp1: { defaultEndpoint: hubFspiop, endpoints: [] },
    dfsp2: { defaultEndpoint: hubFspiop, endpoints: [] }
  }
}
fs.writeFileSync(userConfigFile, JSON.stringify(config, null, 2))
require('./settlement-api.js')(specFiles)

// 255709999999 and 255719999999: identifiers the oracle still routes to dfsp1 and dfsp2, which no longer hold them
// (party not found).
// dfsp1: Alice, Bakari, Chausiku and the employer Kilimo Cooperative; dfsp2: its 24 customers (lab/bulk pays them).
const customers = (prefix, count) => Array.from({ length: count }, (_, i) => prefix + String(i + 1).padStart(2, '0'))
const oracle = {
  dfsp1: [...customers('2557000000', 3), '255700000010', '255709999999'],
  dfsp2: [...customers('2557100000', 24), '255719999999']
}
const rules = []
let ruleId = 1
for (const minor of [0, 1]) {
  const apiVersion = { minorVersion: minor, majorVersion: 1, type: 'fspiop', asynchronous: true }
  for (const [dfsp, msisdns] of Object.entries(oracle)) {
    for (const msisdn of msisdns) {
      rules.push({
        ruleId: ruleId++,
        priority: 1,
        description: `GET /parties/MSISDN/${msisdn} without destination: ${dfsp} holds it`,
        apiVersion,
        conditions: {
          all: [
            { fact: 'operationPath', operator: 'equal', value: '/parties/{Type}/{ID}' },
            { fact: 'method', operator: 'equal', value: 'get' },
            { fact: 'pathParams', operator: 'equal', value: msisdn, path: 'ID' }
          ]
        },
        event: { type: 'FORWARD', params: { dfspId: dfsp } },
        type: 'forward',
        version: 1
      })
    }
  }
  for (const dfsp of Object.keys(oracle)) {
    rules.push({
      ruleId: ruleId++,
      priority: 1,
      description: `anything for ${dfsp}`,
      apiVersion,
      conditions: { all: [{ fact: 'headers', operator: 'equal', value: dfsp, path: 'fspiop-destination' }] },
      event: { type: 'FORWARD', params: { dfspId: dfsp } },
      type: 'forward',
      version: 1
    })
  }
}
// Makes a rules file of the given kind (forward, callback, validation) the active one.
function activate (kind, rules) {
  fs.writeFileSync(path.join(specFiles, `rules_${kind}`, 'hub-lab.json'), JSON.stringify(rules, null, 2))
  fs.writeFileSync(path.join(specFiles, `rules_${kind}`, 'config.json'), JSON.stringify({ activeRulesFile: 'hub-lab.json' }))
}

// A rule of one kind that applies whatever the API version.
function onlyRule (kind, description, condition, event) {
  return [{ ruleId: 1, priority: 1, description, conditions: { all: [condition] }, event, type: kind, version: 1 }]
}

activate('forward', rules)

// No mock callbacks: in hub mode the Toolkit forwards every request, yet its default callback rules
// would still make a mock callback for each lookup, quote and transfer and throw it away, loading
// and compiling the whole FSPIOP specification each time (about 250 ms of CPU and, as its schema
// compiler caches every copy, 1.5 MB of memory that is never freed: it ran out of heap after some
// 2,400 such requests). One rule that matches everything with an event type that makes no callback
// leaves the forwarding as it is.
activate('callback', onlyRule('callback', 'hub mode: no mock callback, the destination answers',
  { fact: 'method', operator: 'notEqual', value: '__none__' }, { type: 'HUB_PASSTHROUGH' }))
// An empty validation rules file is read again from disk for every request; one rule that never matches is read once.
activate('validation', onlyRule('validation', 'hub mode: no validation rule applies',
  { fact: 'method', operator: 'equal', value: '__never__' }, { type: 'FIXED_ERROR_RESPONSE', params: { statusCode: 500 } }))
