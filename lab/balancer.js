// The cluster lab's stand-in for a load balancer in front of the hub's nodes: each TCP connection
// (TLS passes through, so mutual TLS is between the switch and a node) goes to the next node in
// turn that is healthy and accepts it. A node is healthy while its GET /health answers 200 (asked
// every second): a node that is starting answers 503 until every bundle of the hub runs, and is left
// out meanwhile. When no node is healthy, every node is tried; a node that refuses is skipped.
// Usage: node balancer.js <port> <node port>[:<node's HTTP port, for /health>]...
const net = require('net')
const http = require('http')
const [listen, ...nodes] = process.argv.slice(2).map((arg, i) => {
  if (i === 0) { return Number(arg) }
  const [port, health] = arg.split(':').map(Number)
  return { port, health, healthy: true }
})
let next = 0

function probe (node) {
  const request = http.get({ host: '127.0.0.1', port: node.health, path: '/health', timeout: 2000 }, response => {
    node.healthy = response.statusCode === 200
    response.resume()
  })
  request.on('timeout', () => request.destroy())
  request.on('error', () => { node.healthy = false })
}
setInterval(() => nodes.filter(node => node.health).forEach(probe), 1000).unref()

function connect (client, candidates, tried) {
  if (tried >= candidates.length) { client.destroy(); return }
  const node = net.connect({ host: '127.0.0.1', port: candidates[(next++) % candidates.length].port })
  let connected = false
  node.once('connect', () => {
    connected = true
    client.on('error', () => node.destroy())
    client.pipe(node).pipe(client)
    client.resume()
  })
  node.on('error', () => (connected ? client.destroy() : connect(client, candidates, tried + 1)))
}

net.createServer({ pauseOnConnect: true }, client => {
  const healthy = nodes.filter(node => node.healthy)
  connect(client, healthy.length > 0 ? healthy : nodes, 0)
}).listen(listen, '127.0.0.1', () => console.log(`balancer on ${listen}: nodes ${nodes.map(n => n.port + (n.health ? ` (health on ${n.health})` : '')).join(', ')}`))
