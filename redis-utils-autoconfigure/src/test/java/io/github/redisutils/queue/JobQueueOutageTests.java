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
package io.github.redisutils.queue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.queue.QueueTestSupport.handlers;
import static io.github.redisutils.queue.QueueTestSupport.instances;
import static io.github.redisutils.queue.QueueTestSupport.queue;
import static io.github.redisutils.queue.QueueTestSupport.uniquePrefix;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Behaviour while Redis is down: operations fail with {@link RedisUnavailableException},
 * and workers resume when it is back.
 *
 * @author redis-utils authors
 */
class JobQueueOutageTests {

	@Test
	void enqueueFailsWhileRedisIsDownAndWorkersResumeWhenItIsBack() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			instances(redis.springProperties(), uniquePrefix(), "redis.queue.queues.q.concurrency=2",
					"spring.data.redis.timeout=2s", "spring.data.redis.connect-timeout=500ms")
				.run((context) -> {
					List<String> done = new CopyOnWriteArrayList<>();
					handlers(context).register("t", String.class, (payload, job) -> done.add(payload));
					JobQueue queue = queue(context, "q");
					queue.enqueue("t", "before");
					await().atMost(Duration.ofSeconds(30)).until(() -> done.contains("before"));
					redis.stop();
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> queue.enqueue("t", "during"));
					assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(queue::sizes);
					Thread.sleep(1500);
					redis.start();
					await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
						queue.enqueue("t", "after");
						return true;
					});
					await().atMost(Duration.ofSeconds(60)).until(() -> done.contains("after"));
				});
		}
	}

}
