package org.radarbeam.io;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A JVM-wide timer for deadlines and timeouts whose one thread ends when it has had nothing to do for
 * a few seconds and holds no context class loader. A thread that lived on would keep the class loader
 * of the job that started it, and every class of that job, for the life of a Flink TaskManager.
 */
public final class DaemonTimer {
  private DaemonTimer() {}

  /** A new timer whose thread is named {@code threadName}; a cancelled task leaves its queue at once. */
  public static ScheduledThreadPoolExecutor create(String threadName) {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, threadName);
      th.setDaemon(true);
      th.setContextClassLoader(null);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    t.setKeepAliveTime(5, TimeUnit.SECONDS);
    t.allowCoreThreadTimeOut(true);
    return t;
  }
}
