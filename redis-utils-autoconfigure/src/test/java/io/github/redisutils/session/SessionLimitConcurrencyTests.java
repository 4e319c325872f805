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
package io.github.redisutils.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user limit under concurrent logins from several application instances (one
 * application context each), many threads per instance, on standalone and Cluster.
 *
 * @author redis-utils authors
 */
class SessionLimitConcurrencyTests {

	private static final int INSTANCES = 3;

	private static final int THREADS = 6;

	private static final int LOGINS = 5;

	private static final int MAX = 3;

	@Test
	void evictionKeepsExactlyTheLimitOnStandalone() {
		evictionKeepsExactlyTheLimit(RedisServers.standalone().springProperties());
	}

	@Test
	void evictionKeepsExactlyTheLimitOnCluster() {
		evictionKeepsExactlyTheLimit(RedisServers.cluster().springProperties());
	}

	@Test
	void refusalAdmitsExactlyTheLimitOnStandalone() {
		refusalAdmitsExactlyTheLimit(RedisServers.standalone().springProperties());
	}

	@Test
	void refusalAdmitsExactlyTheLimitOnCluster() {
		refusalAdmitsExactlyTheLimit(RedisServers.cluster().springProperties());
	}

	private void evictionKeepsExactlyTheLimit(String[] redis) {
		String prefix = SessionTesting.newPrefix();
		withInstances(redis, prefix, "redis.session.limit-policy=evict-oldest", (instances) -> {
			AtomicInteger created = new AtomicInteger();
			runConcurrently(instances, (store) -> {
				store.create("shared");
				created.incrementAndGet();
			});
			SessionStore store = SessionTesting.store(instances.get(0));
			assertThat(created.get()).isEqualTo(INSTANCES * THREADS * LOGINS);
			assertThat(store.countByUser("shared")).isEqualTo(MAX);
			List<Session> live = store.findByUser("shared");
			assertThat(live).hasSize(MAX);
			String index = SessionTesting.indexKey(prefix, live.get(0).id());
			assertThat(SessionTesting.redis(instances.get(0)).opsForZSet().size(index)).isEqualTo(MAX);
			double evicted = 0;
			int evictedEvents = 0;
			for (ApplicationContext instance : instances) {
				evicted += instance.getBean(MeterRegistry.class).counter("redis.session.evictions").count();
				evictedEvents += instance.getBean(SessionTesting.EventRecorder.class)
					.of(SessionEvictedEvent.class)
					.size();
			}
			assertThat(evicted).isEqualTo(INSTANCES * THREADS * LOGINS - MAX);
			assertThat(evictedEvents).isEqualTo(INSTANCES * THREADS * LOGINS - MAX);
			assertThat(SessionTesting.redis(instances.get(0)).keys(prefix + ":session:{*:s:*")).hasSize(MAX);
		});
	}

	private void refusalAdmitsExactlyTheLimit(String[] redis) {
		String prefix = SessionTesting.newPrefix();
		withInstances(redis, prefix, "redis.session.limit-policy=refuse", (instances) -> {
			AtomicInteger admitted = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			runConcurrently(instances, (store) -> {
				try {
					store.create("shared");
					admitted.incrementAndGet();
				}
				catch (SessionLimitExceededException ex) {
					refused.incrementAndGet();
				}
			});
			assertThat(admitted.get()).isEqualTo(MAX);
			assertThat(refused.get()).isEqualTo(INSTANCES * THREADS * LOGINS - MAX);
			assertThat(SessionTesting.store(instances.get(0)).countByUser("shared")).isEqualTo(MAX);
		});
	}

	/**
	 * Run a body with {@link #INSTANCES} application contexts open at once, each standing
	 * for one application instance.
	 */
	private void withInstances(String[] redis, String prefix, String policy, Body body) {
		ApplicationContextRunner runner = SessionTesting.runner(redis, prefix, "redis.session.max-per-user=" + MAX,
				policy);
		open(runner, new ArrayList<>(), body);
	}

	private void open(ApplicationContextRunner runner, List<ApplicationContext> open, Body body) {
		if (open.size() == INSTANCES) {
			try {
				body.run(open);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return;
		}
		runner.run((context) -> {
			open.add(context);
			open(runner, open, body);
		});
	}

	private void runConcurrently(List<ApplicationContext> instances, Login login) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(INSTANCES * THREADS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Object>> futures = new ArrayList<>();
		for (ApplicationContext instance : instances) {
			SessionStore store = SessionTesting.store(instance);
			for (int t = 0; t < THREADS; t++) {
				Callable<Object> task = () -> {
					start.await();
					for (int i = 0; i < LOGINS; i++) {
						login.run(store);
					}
					return null;
				};
				futures.add(executor.submit(task));
			}
		}
		start.countDown();
		for (Future<Object> future : futures) {
			future.get(120, TimeUnit.SECONDS);
		}
		executor.shutdown();
	}

	@FunctionalInterface
	interface Body {

		void run(List<ApplicationContext> instances) throws Exception;

	}

	@FunctionalInterface
	interface Login {

		void run(SessionStore store) throws Exception;

	}

}
