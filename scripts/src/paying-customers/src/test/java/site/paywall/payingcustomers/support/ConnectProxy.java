package site.paywall.payingcustomers.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTPS proxy as organisations run them, reduced to the part a client of an https endpoint uses: it answers
 * {@code CONNECT host:port} by opening a tunnel to the address the test routed that name to and then copies bytes
 * both ways without reading them, so TLS stays between the client and the endpoint. A name without a route gets
 * 502. It records every CONNECT target. Listens on 127.0.0.1 only; stopped by {@link #close()}.
 */
public final class ConnectProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, InetSocketAddress> routes;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "connect-proxy");
        t.setDaemon(true);
        return t;
    });

    private ConnectProxy(ServerSocket server, Map<String, InetSocketAddress> routes) {
        this.server = server;
        this.routes = Map.copyOf(routes);
        threads.submit(this::acceptLoop);
    }

    /** {@code routes}: "host:port" as the client names it in CONNECT → where the tunnel really goes. */
    public static ConnectProxy start(Map<String, InetSocketAddress> routes) {
        try {
            return new ConnectProxy(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), routes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1: " + e, e);
        }
    }

    /** What HTTPS_PROXY names. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Every CONNECT target asked for so far ("host:port"), routed or not. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                threads.submit(() -> tunnel(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            byte[] head = RequestHead.read(fromClient);
            if (head.length == 0) {
                return;
            }
            String[] requestLine = new String(head, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0].split(" ");
            if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
                answer(toClient, "405 Method Not Allowed");
                return;
            }
            targets.add(requestLine[1]);
            InetSocketAddress route = routes.get(requestLine[1]);
            if (route == null) {
                answer(toClient, "502 Bad Gateway");
                return;
            }
            try (Socket upstream = new Socket()) {
                sockets.add(upstream);
                upstream.connect(route, 5_000);
                answer(toClient, "200 Connection Established");
                threads.submit(() -> copy(upstream, client));
                copy(client, upstream);
            }
        } catch (IOException ended) {
            // The client, the endpoint or close() ended the tunnel.
        }
    }

    private static void answer(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Copies until either side closes, then closes the other side's output so that it sees the end too. */
    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ended) {
            // One side went away; close() or the other copy cleans up.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
        threads.shutdownNow();
    }
}
