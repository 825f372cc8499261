package dev.gantry.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that plays a dependency coming up late (or coming back): it listens at once, but for {@code downFor}
 * from the first connection it accepts it closes every connection, as a server that is not up yet; then it
 * forwards each connection to the target. {@link #cut(Duration)} plays the dependency going away later: every open
 * connection is closed and new ones are refused for a while. Counted from the first try, so a slow start of the service under test
 * does not use the down time up before it even tries. How a test starts a service "pointing at a port where PostgreSQL comes
 * up a few seconds later".
 */
public final class LateTcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Duration downFor;
    private volatile Instant upAt;
    private volatile Instant stalledUntil = Instant.MIN;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();

    public LateTcpProxy(String targetHost, int targetPort, Duration downFor) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.downFor = downFor;
        Thread.ofVirtual().name("late-proxy-" + port()).start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections closed at once while the target was "down". */
    public int refused() {
        return refused.get();
    }

    /** Connections forwarded once it was "up". */
    public int forwarded() {
        return forwarded.get();
    }

    /** Closes every forwarded connection, both sides, and refuses new ones for {@code downFor} from now. */
    public void cut(Duration downFor) {
        upAt = Instant.now().plus(downFor);
        open.forEach(LateTcpProxy::closeQuietly);
    }

    /**
     * Stops moving bytes, both ways, on every connection for {@code stallFor} from now, without closing any: a server
     * that hangs, or a network that drops packets, rather than one that goes away. What was sent meanwhile flows after.
     */
    public void stall(Duration stallFor) {
        stalledUntil = Instant.now().plus(stallFor);
    }

    /** Whether connections are refused now. */
    public boolean down() {
        Instant up = upAt;
        return up != null && Instant.now().isBefore(up);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (upAt == null) {
                upAt = Instant.now().plus(downFor);
            }
            if (Instant.now().isBefore(upAt)) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            forwarded.incrementAndGet();
            Thread.ofVirtual().start(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        open.add(client);
        try (client; Socket target = new Socket(targetHost, targetPort)) {
            open.add(target);
            Thread back = Thread.ofVirtual().start(() -> pump(target, client));
            pump(client, target);
            back.join();
        } catch (IOException | InterruptedException e) {
            // one side went away: both are closed
        } finally {
            open.removeIf(Socket::isClosed);
        }
    }

    private void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                while (Instant.now().isBefore(stalledUntil)) {
                    Thread.sleep(20);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
