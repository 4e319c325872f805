/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.redisutils.maintenance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsMaintenanceAutoConfiguration;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup and a restore of 100,000 keys of 1 KiB each (about 100 MiB of backup) keep the
 * heap bounded: the largest heap retained while they run (measured after a collection,
 * twice a second) stays far below the size of the data.
 *
 * @author redis-utils authors
 */
class RedisBackupVolumeTests {

	private static final int KEYS = 100_000;

	private static final long HEAP_BOUND = 48L * 1024 * 1024;

	@Test
	void aHundredThousandKeysBackUpAndRestoreInBoundedHeap(@TempDir Path directory) throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			String prefix = "volume";
			ApplicationInstances.runner(RedisUtilsMaintenanceAutoConfiguration.class, redis.springProperties(), prefix)
				.run((context) -> {
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					byte[] value = "v".repeat(1024).getBytes(StandardCharsets.UTF_8);
					for (int batch = 0; batch < KEYS / 1000; batch++) {
						int first = batch * 1000;
						template.executePipelined((RedisCallback<Object>) (connection) -> {
							for (int i = first; i < first + 1000; i++) {
								connection.stringCommands()
									.set((prefix + ":key:" + i).getBytes(StandardCharsets.UTF_8), value);
							}
							return null;
						});
					}
					RedisBackup backup = context.getBean(RedisBackup.class);
					Path file = directory.resolve("backup.jsonl");

					long[] backupHeap = new long[1];
					BackupSummary summary = measured(backupHeap, () -> {
						try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
							return backup.backup("*", out);
						}
						catch (java.io.IOException ex) {
							throw new IllegalStateException(ex);
						}
					});
					assertThat(summary.keys()).isEqualTo(KEYS);
					assertThat(Files.size(file)).isGreaterThan(100L * 1024 * 1024);

					redis.flushAll();
					long[] restoreHeap = new long[1];
					RestoreSummary restored = measured(restoreHeap, () -> {
						try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
							return backup.restore(in);
						}
						catch (java.io.IOException ex) {
							throw new IllegalStateException(ex);
						}
					});
					assertThat(restored.restored()).isEqualTo(KEYS);
					assertThat(restored.failed()).isZero();
					assertThat(template
						.execute((RedisCallback<Long>) (connection) -> connection.serverCommands().dbSize()))
						.isEqualTo(KEYS);
					System.out.printf(
							"Backup of %,d keys (%,d bytes) in %d ms, heap retained at most %,d bytes;"
									+ " restore in %d ms, heap retained at most %,d bytes%n",
							KEYS, Files.size(file), summary.took().toMillis(), backupHeap[0],
							restored.took().toMillis(), restoreHeap[0]);
					assertThat(backupHeap[0]).as("heap retained during the backup").isLessThan(HEAP_BOUND);
					assertThat(restoreHeap[0]).as("heap retained during the restore").isLessThan(HEAP_BOUND);
				});
		}
	}

	/**
	 * Run the work while a sampler collects garbage and reads the heap in use twice a
	 * second; store the largest growth over the heap in use before.
	 */
	private static <T> T measured(long[] growth, Supplier<T> work) throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long baseline = memory.getHeapMemoryUsage().getUsed();
		AtomicLong peak = new AtomicLong();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				System.gc();
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed() - baseline, Math::max);
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "heap-sampler");
		sampler.start();
		try {
			return work.get();
		}
		finally {
			running.set(false);
			sampler.interrupt();
			sampler.join();
			growth[0] = peak.get();
		}
	}

}
