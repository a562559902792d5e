package io.jric.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streaming responses ({@link HttpResponse#stream}) on a real server over loopback: chunked body written
 * from another thread, ended by the server; the client leaving closes the stream; a client that does not
 * read is dropped; a stream occupies no worker thread.
 */
class HttpStreamingTest {
    private final BlockingQueue<HttpResponse.ResponseStream> opened = new LinkedBlockingQueue<>();
    private RicHttpServer server;

    @BeforeEach
    void start() {
        Router router = new Router()
                .get("/stream", req -> HttpResponse.stream("text/event-stream", opened::add))
                .get("/plain", req -> HttpResponse.text(200, "ok"));
        server = RicHttpServer.start(HttpServerSettings.builder().port(0).workerThreads(1).build(), router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect(String path) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void chunksWrittenFromAnotherThreadReachTheClientAndCloseEndsTheBody() throws Exception {
        try (Socket s = connect("/stream")) {
            HttpResponse.ResponseStream stream = opened.poll(10, TimeUnit.SECONDS);
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);
            assertTrue(head.toLowerCase().contains("content-type: text/event-stream"), head);
            // requests sent on a streaming connection are dropped, never answered nor queued
            s.getOutputStream().write("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n".repeat(500).getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread writer = new Thread(() -> stream.send("data: one\n\n".getBytes(StandardCharsets.UTF_8)));
            writer.start();
            writer.join();
            // one chunk: size in hex, CRLF, the bytes, CRLF
            assertEquals("b\r\ndata: one\n\n\r\n", new String(in.readNBytes(16), StandardCharsets.UTF_8));
            CountDownLatch closed = new CountDownLatch(1);
            stream.onClose(closed::countDown);
            stream.close();
            assertEquals("0\r\n\r\n", new String(in.readNBytes(5), StandardCharsets.UTF_8));
            assertEquals(-1, in.read(), "the connection closes after the stream");
            assertTrue(closed.await(5, TimeUnit.SECONDS));
            assertFalse(stream.send(new byte[] {1}));
        }
    }

    @Test
    void theClientLeavingClosesTheStreamAndAStreamHoldsNoWorker() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        HttpResponse.ResponseStream stream;
        try (Socket s = connect("/stream")) {
            stream = opened.poll(10, TimeUnit.SECONDS);
            stream.onClose(closed::countDown);
            readHead(s.getInputStream());
            // the only worker is free: a second stream and a plain request are served meanwhile
            try (Socket second = connect("/stream"); Socket plain = connect("/plain")) {
                assertTrue(opened.poll(10, TimeUnit.SECONDS) != null);
                assertTrue(readHead(plain.getInputStream()).startsWith("HTTP/1.1 200"));
            }
        }
        assertTrue(closed.await(10, TimeUnit.SECONDS), "the stream closed when its client left");
        assertFalse(stream.isOpen());
    }

    @Test
    void aClientThatDoesNotReadIsDropped() throws Exception {
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            HttpResponse.ResponseStream stream = opened.poll(10, TimeUnit.SECONDS);
            CountDownLatch closed = new CountDownLatch(1);
            stream.onClose(closed::countDown);
            byte[] chunk = new byte[64 * 1024];
            int sent = 0;
            // the client reads nothing: once the socket buffers and the server's outbound buffer are full, send refuses
            while (stream.send(chunk)) {
                sent++;
                assertTrue(sent < 100_000, "never dropped");
                if (sent % 16 == 0) TimeUnit.MILLISECONDS.sleep(5);   // let the event loop flush into the socket
            }
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            assertFalse(stream.isOpen());
        }
    }
}
