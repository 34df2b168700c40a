package org.sensei4j.io.geotiff;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that help a {@link GeoTiffReader} decompress the strips or tiles of one window: shared by all readers,
 * daemon threads, created on first use. The reading thread works too, so a window is decoded by it and up to
 * {@link #helpers()} of these.
 */
final class DecodePool {

    /** System property: how many threads decode one window (1: the reading thread alone). */
    static final String PROPERTY = "sensei.decode.threads";
    /** Most threads that decode one window. */
    static final int MAX_THREADS = 8;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static volatile ExecutorService pool;

    private DecodePool() {}

    /**
     * Threads per window for a new reader: {@value #PROPERTY} when set, else the available processors (at most
     * {@link #MAX_THREADS}).
     */
    static int defaultThreads() {
        String p = System.getProperty(PROPERTY);
        int n = Runtime.getRuntime().availableProcessors();
        if (p != null && !p.isBlank()) {
            try {
                n = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "system property " + PROPERTY + " is '" + p + "': give a whole number of threads", e);
            }
        }
        return Math.max(1, Math.min(MAX_THREADS, n));
    }

    /** Pool threads: one fewer than the processors (the reading thread is the other), at least one. */
    static int helpers() {
        return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()) - 1);
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (DecodePool.class) {
                p = pool;
                if (p == null) {
                    p = Executors.newFixedThreadPool(helpers(), r -> {
                        Thread t = new Thread(r, "sensei-decode-" + THREAD_NUMBER.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code work} on the calling thread and on up to {@code threads - 1} pool threads at once, and returns
     * when every run has ended. {@code work} takes its items from a shared counter, so it ends when none are left;
     * a pool thread that has not started by then is not waited for. Failures are rethrown (the first).
     */
    static void run(Runnable work, int threads) {
        int n = Math.min(threads - 1, helpers());
        List<Helper> helpers = new ArrayList<>(n);
        ExecutorService p = n > 0 ? pool() : null;
        for (int i = 0; i < n; i++) {
            Helper h = new Helper(work);
            helpers.add(h);
            p.execute(h);
        }
        Throwable failure = null;
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Helper h : helpers) {
            if (h.state.compareAndSet(Helper.WAITING, Helper.SKIPPED)) {
                continue; // never started: nothing is left for it
            }
            while (true) {
                try {
                    h.done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers run briefly: finish waiting, then restore the flag
                }
            }
            if (failure == null) {
                failure = h.failure;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
    }

    /** One pool thread's run of the shared work, unless the calling thread found it not started and skipped it. */
    private static final class Helper implements Runnable {
        static final int WAITING = 0;
        static final int RUNNING = 1;
        static final int SKIPPED = 2;

        final AtomicInteger state = new AtomicInteger(WAITING);
        final CountDownLatch done = new CountDownLatch(1);
        final Runnable work;
        /** Set before {@link #done} counts down. */
        Throwable failure;

        Helper(Runnable work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }
    }
}
