// Lets the Testing Toolkit answer GET /settlements of its central settlement API (v1), which the
// hub reads to find a settlement window's net positions: the Toolkit's own response map lists the
// POST only, and it answers any request missing there with a 500. The answers themselves come
// from response rules (the tests set fixed ones).
// Usage: node settlement-api.js <spec_files folder>; also used by configure-hub-mode.js.
const fs = require('fs')
const path = require('path')

function serveSettlementReads (specFiles) {
  const file = path.join(specFiles, 'api_definitions', 'settlements_1.0', 'response_map.json')
  const map = JSON.parse(fs.readFileSync(file, 'utf8'))
  map['/settlements'] = map['/settlements'] || {}
  map['/settlements'].get = map['/settlements'].get || { response: {} }
  fs.writeFileSync(file, JSON.stringify(map, null, 2))
}

if (require.main === module) {
  serveSettlementReads(process.argv[2])
}
module.exports = serveSettlementReads
