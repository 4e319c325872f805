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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.redisutils.core.RedisReplies;

/**
 * Taking side of a {@link QueueWorker}: runs the take script for the free slots (it also
 * promotes due delayed jobs and recovers the jobs of lost workers) and decodes its reply
 * into deliveries. Apart from the fetch loop so that the reply layout is read in one
 * place.
 *
 * @author redis-utils authors
 */
final class QueueTaker {

	private static final int PROMOTION_BATCH = 100;

	private final DefaultJobQueue queue;

	private final QueueScripts scripts;

	private final QueueSettings settings;

	private final QueueMetrics metrics;

	QueueTaker(DefaultJobQueue queue, QueueScripts scripts, QueueMetrics metrics) {
		this.queue = queue;
		this.scripts = scripts;
		this.settings = queue.settings();
		this.metrics = metrics;
	}

	Take take(int wanted) {
		String token = UUID.randomUUID().toString();
		List<?> result = this.scripts.run(QueueScripts.TAKE, this.queue.keys(), wanted,
				this.settings.visibilityTimeout().toMillis(), token, PROMOTION_BATCH,
				this.settings.deadRetention().toMillis(), this.settings.deadCount());
		String key = this.queue.keys().waiting();
		List<?> reply = RedisReplies.list(result, 4, key, "reply");
		long died = number(reply, 2, key);
		if (died > 0) {
			this.metrics.dead(died);
		}
		int taken = (int) number(reply, 3, key);
		RedisReplies.list(reply, 4 + taken * 9, key, "reply");
		List<Delivery> deliveries = new ArrayList<>(taken);
		for (int i = 0; i < taken; i++) {
			int at = 4 + i * 9;
			byte[] payload = (reply.get(at + 2) instanceof byte[] bytes) ? bytes : new byte[0];
			long initial = number(reply, at + 6, key);
			Backoff backoff = new Backoff(Duration.ofMillis(initial),
					Duration.ofMillis(Math.max(initial, number(reply, at + 7, key))));
			deliveries.add(new Delivery(RedisReplies.string(reply.get(at), key, RedisReplies.element(at)),
					RedisReplies.string(reply.get(at + 1), key, RedisReplies.element(at + 1)), payload, token,
					(int) number(reply, at + 3, key), (int) number(reply, at + 4, key), number(reply, at + 5, key),
					backoff, Instant.ofEpochMilli(number(reply, at + 8, key))));
		}
		return new Take(deliveries, number(reply, 0, key));
	}

	private static long number(List<?> reply, int index, String key) {
		return RedisReplies.number(reply.get(index), key, RedisReplies.element(index));
	}

	/**
	 * What one take returned.
	 *
	 * @param deliveries the jobs taken
	 * @param nextDueMillis milliseconds until the next delayed job is due, negative if
	 * none
	 */
	record Take(List<Delivery> deliveries, long nextDueMillis) {

	}

}
