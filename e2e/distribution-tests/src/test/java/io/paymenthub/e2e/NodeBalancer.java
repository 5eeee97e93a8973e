package io.paymenthub.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for the load balancer in front of a cluster's nodes: each TCP connection (TLS passes
 * through untouched, so mutual TLS is between the peer and the node) goes to the next node in turn
 * that accepts it; a dead node is skipped. In front of one server it stands for the network to it,
 * which {@link #cutFor} takes away for a while. Also the bench's way to take PostgreSQL away under load.
 */
public final class NodeBalancer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Integer> ports;
    private final AtomicInteger next = new AtomicInteger();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long cutUntil;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "node-balancer");
        thread.setDaemon(true);
        return thread;
    });

    public NodeBalancer(List<Integer> ports) throws IOException {
        this.ports = List.copyOf(ports);
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every connection now and refuses new ones for {@code outage}, as a network that goes away does. */
    public void cutFor(java.time.Duration outage) {
        cutUntil = System.nanoTime() + outage.toNanos();
        open.forEach(NodeBalancer::close);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket peer = server.accept();
                threads.submit(() -> relay(peer));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket peer) {
        if (System.nanoTime() < cutUntil) {
            close(peer);
            return;
        }
        open.add(peer);
        setNoDelay(peer);
        int first = Math.floorMod(next.getAndIncrement(), ports.size());
        for (int i = 0; i < ports.size(); i++) {
            Socket node = new Socket();
            try {
                node.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get((first + i) % ports.size())), 1000);
            } catch (IOException refused) {
                close(node);
                continue;
            }
            open.add(node);
            setNoDelay(node);
            threads.submit(() -> pipe(peer, node));
            pipe(node, peer);
            return;
        }
        close(peer);
    }

    /** Copies until either side ends, then closes both: a node that dies cuts its peers' connections, as a balancer's would. */
    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // either side closed
        } finally {
            close(from);
            close(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Small messages (a database's, a request's) go on at once, as they would without the relay. */
    private static void setNoDelay(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException ignored) {
            // closed already: the pipe ends at once
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
