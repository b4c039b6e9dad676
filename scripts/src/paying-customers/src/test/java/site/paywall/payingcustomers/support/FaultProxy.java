package site.paywall.payingcustomers.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a real moto server: it reads each request, names its
 * operation (X-Amz-Target for Cognito, Action= for STS), and by the test's rule passes it on, loses the answer
 * after moto applied the request, holds the answer, hangs without forwarding, or answers 503 itself. With an
 * {@link SSLContext} it serves TLS (for AWS_CA_BUNDLE tests). One request per connection: requests are forwarded
 * with "Connection: close". Stopped by {@link #close()}, which the test that started it calls.
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault {
        /** Forward and answer. */
        PASS,
        /** Forward (moto applies it), then close the connection without an answer. */
        DROP,
        /** Forward (moto applies it), then keep the connection silent until {@link #release()} or close. */
        HOLD,
        /** Do not forward; keep the connection open and silent: a server that stopped answering. */
        HANG,
        /** Do not forward; answer 503 Service Unavailable with an empty body. */
        UNAVAILABLE_503
    }

    private final ServerSocket server;
    private final URI upstream;
    private final boolean tls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final BlockingQueue<String> held = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(1);
    /** (operation, how many requests of that operation so far, this one included) → fault. */
    private volatile BiFunction<String, Integer, Fault> rule = (op, n) -> Fault.PASS;

    private FaultProxy(ServerSocket server, URI upstream, boolean tls) {
        this.server = server;
        this.upstream = upstream;
        this.tls = tls;
        threads.submit(this::acceptLoop);
    }

    public static FaultProxy start(URI upstream) {
        try {
            return new FaultProxy(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), upstream, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1: " + e, e);
        }
    }

    public static FaultProxy startTls(URI upstream, SSLContext context) {
        try {
            ServerSocket socket = context.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getByName("127.0.0.1"));
            return new FaultProxy(socket, upstream, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1: " + e, e);
        }
    }

    public String endpoint() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void rule(BiFunction<String, Integer, Fault> rule) {
        this.rule = rule;
    }

    /** The same fault for every request of {@code operation}, PASS for the others. */
    public void on(String operation, Fault fault) {
        rule((op, n) -> op.equals(operation) ? fault : Fault.PASS);
    }

    /** Requests seen for an operation, e.g. "AdminAddUserToGroup" or "GetCallerIdentity". */
    public int count(String operation) {
        return counts.getOrDefault(operation, new AtomicInteger()).get();
    }

    public int requests() {
        return requests.get();
    }

    /** TCP connections accepted (with TLS: also those whose handshake failed). */
    public int connections() {
        return connections.get();
    }

    /** Waits until a request is being held (forwarded, answer withheld) and returns its operation. */
    public String awaitHeld(Duration timeout) throws InterruptedException {
        String op = held.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (op == null) {
            throw new AssertionError("no request was held within " + timeout);
        }
        return op;
    }

    /** Refuses new connections from now on (requests already being served go on): a server that died. */
    public void stopListening() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    /** Lets held answers through. */
    public void release() {
        release.countDown();
        release = new CountDownLatch(1);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                sockets.add(client);
                threads.submit(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = RequestHead.read(in);
            if (head.length == 0) {
                return;
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            String[] headerLines = headText.split("\r\n");
            int length = 0;
            String target = "";
            StringBuilder forwarded = new StringBuilder(requestLine(headerLines[0])).append("\r\n");
            for (int i = 1; i < headerLines.length; i++) {
                String line = headerLines[i];
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("x-amz-target")) {
                    target = value.substring(value.indexOf('.') + 1);
                }
                if (!name.equals("connection") && !name.startsWith("proxy-")) {
                    forwarded.append(line).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(length);
            String operation = target.isEmpty() ? queryAction(new String(body, StandardCharsets.UTF_8)) : target;
            int n = counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            requests.incrementAndGet();
            Fault fault = rule.apply(operation, n);
            OutputStream out = client.getOutputStream();
            switch (fault) {
                case HANG -> waitUntilClosed(in);
                case UNAVAILABLE_503 -> {
                    out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                default -> {
                    byte[] answer = forward(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1), body);
                    if (fault == Fault.DROP) {
                        return;
                    }
                    if (fault == Fault.HOLD) {
                        CountDownLatch latch = release;
                        held.add(operation);
                        latch.await();
                    }
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // The client went away, or the proxy is closing: nothing to answer.
        } finally {
            sockets.remove(client);
        }
    }

    /** "POST http://host:port/ HTTP/1.1" (as sent to a forward proxy) becomes "POST / HTTP/1.1". */
    private static String requestLine(String line) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[1].startsWith("http")) {
            String path = URI.create(parts[1]).getRawPath();
            return parts[0] + " " + (path == null || path.isEmpty() ? "/" : path) + " " + parts[2];
        }
        return line;
    }

    private static String queryAction(String body) {
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return pair.substring("Action=".length());
            }
        }
        return "unknown";
    }

    private byte[] forward(byte[] head, byte[] body) throws IOException {
        try (Socket moto = new Socket()) {
            moto.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5000);
            moto.setSoTimeout(30_000);
            OutputStream out = moto.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return moto.getInputStream().readAllBytes();
        }
    }

    private static void waitUntilClosed(InputStream in) {
        try {
            while (in.read() != -1) {
                // Discard: a hanging server reads nothing and answers nothing.
            }
        } catch (IOException closed) {
            // The client gave up (its read timeout) or the proxy closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        release.countDown();
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }
        threads.shutdownNow();
    }
}
