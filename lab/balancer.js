// The cluster lab's stand-in for a load balancer in front of the hub's nodes: each TCP connection
// (TLS passes through, so mutual TLS is between the switch and a node) goes to the next node in
// turn that accepts it; a node that refuses is skipped. Usage: node balancer.js <port> <node port>...
const net = require('net')
const [listen, ...nodes] = process.argv.slice(2).map(Number)
let next = 0

function connect (client, tried) {
  if (tried >= nodes.length) { client.destroy(); return }
  const node = net.connect({ host: '127.0.0.1', port: nodes[(next++) % nodes.length] })
  let connected = false
  node.once('connect', () => {
    connected = true
    client.on('error', () => node.destroy())
    client.pipe(node).pipe(client)
    client.resume()
  })
  node.on('error', () => (connected ? client.destroy() : connect(client, tried + 1)))
}

net.createServer({ pauseOnConnect: true }, client => connect(client, 0))
  .listen(listen, '127.0.0.1', () => console.log(`balancer on ${listen}: nodes ${nodes.join(', ')}`))
