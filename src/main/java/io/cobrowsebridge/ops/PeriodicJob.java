package io.cobrowsebridge.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Work repeated on its own daemon thread, with a fixed pause between runs, from application start to shutdown.
 * Deliberately not a Spring {@code Lifecycle}: starting one also starts the plain {@code Lifecycle} beans it depends
 * on, and an early-started CamelContext would come up without its routes.
 */
public abstract class PeriodicJob implements ApplicationListener<ApplicationStartedEvent>, DisposableBean {

    private final String threadName;
    private final Duration pause;
    private ScheduledExecutorService scheduler;

    protected PeriodicJob(String threadName, Duration pause) {
        this.threadName = threadName;
        this.pause = pause;
    }

    /** One run; exceptions are the job's own business (a thrown one would cancel later runs). */
    protected abstract void runOnce();

    @Override
    public synchronized void onApplicationEvent(ApplicationStartedEvent event) {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::runOnce, 0, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
