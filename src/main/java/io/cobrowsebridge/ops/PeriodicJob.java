package io.cobrowsebridge.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Work repeated on its own daemon thread, with a fixed pause between runs: first run once the application has
 * started, last run before the context stops.
 */
public abstract class PeriodicJob implements SmartLifecycle, ApplicationListener<ApplicationStartedEvent> {

    private final String threadName;
    private final Duration pause;
    private volatile boolean running;
    private ScheduledExecutorService scheduler;

    protected PeriodicJob(String threadName, Duration pause) {
        this.threadName = threadName;
        this.pause = pause;
    }

    /** One run; exceptions are the job's own business (a thrown one would cancel later runs). */
    protected abstract void runOnce();

    @Override
    public synchronized void onApplicationEvent(ApplicationStartedEvent event) {
        if (running && scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::runOnce, 0, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
