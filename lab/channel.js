// What lab/pay and lab/request share: the lab tenants' channel credentials, calls to the hub's
// channel API and balances from the Fineract simulator.
'use strict'

const HUB = process.env.HUB_URL || 'http://127.0.0.1:8181'
const SIMULATOR = process.env.FINERACT_SIM_URL || 'http://127.0.0.1:9080'
// The lab tenants' channel credentials (features.xml, payment-hub-lab): for the lab only.
const TENANTS = {
  dfsp1: { prefix: '2557000', secret: 'lab-only-dfsp1-secret' },
  dfsp2: { prefix: '2557100', secret: 'lab-only-dfsp2-secret' }
}

/** Reads --name value pairs over the defaults; exits with the usage line on anything else. */
function options (defaults, usage) {
  const given = { ...defaults }
  const args = process.argv.slice(2)
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '')
    if (!(name in given) || args[i + 1] === undefined) {
      console.error('usage: ' + usage)
      process.exit(2)
    }
    given[name] = args[i + 1]
  }
  return given
}

function tenantOf (msisdn) {
  const name = Object.keys(TENANTS).find(t => msisdn.startsWith(TENANTS[t].prefix))
  if (!name) {
    throw new Error(`${msisdn} is not a customer of the lab's tenants`)
  }
  return name
}

function channelHeaders (tenant) {
  return {
    'Content-Type': 'application/json',
    'Platform-TenantId': tenant,
    Authorization: 'Basic ' + Buffer.from(`${tenant}-channel:${TENANTS[tenant].secret}`).toString('base64')
  }
}

// The tenant's back office: the only caller that runs and reads its reconciliations.
function backOfficeHeaders (tenant) {
  return {
    'Platform-TenantId': tenant,
    Authorization: 'Basic ' + Buffer.from(`${tenant}-backoffice:lab-only-${tenant}-backoffice-secret`).toString('base64')
  }
}

async function json (url, init) {
  const response = await fetch(url, init)
  const text = await response.text()
  let body
  try { body = JSON.parse(text) } catch (e) { body = text }
  return { status: response.status, body }
}

/** Reads the channel API's resource at path as tenant until done(it) or 2 minutes. */
async function follow (tenant, path, done) {
  let seen = (await json(`${HUB}${path}`, { headers: channelHeaders(tenant) })).body
  const deadline = Date.now() + 120000
  while (!done(seen) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 500))
    seen = (await json(`${HUB}${path}`, { headers: channelHeaders(tenant) })).body
  }
  return seen
}

async function balance (tenant, msisdn) {
  const ids = await json(`${SIMULATOR}/simulator/admin/tenants/${tenant}/identifiers`)
  const id = Array.isArray(ids.body) && ids.body.find(i => i.idValue === msisdn)
  if (!id) {
    return `${msisdn} (${tenant}): no account`
  }
  const account = (await json(`${SIMULATOR}/simulator/admin/tenants/${tenant}/accounts/${id.accountExternalId}`)).body
  return `${msisdn} (${tenant}, ${id.accountExternalId}): balance ${account.balance} ${account.currency}, available ${account.availableBalance}`
}

module.exports = { HUB, options, tenantOf, channelHeaders, backOfficeHeaders, json, follow, balance }
