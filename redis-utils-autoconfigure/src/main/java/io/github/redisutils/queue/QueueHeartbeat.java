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

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.github.redisutils.core.RedisReplies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Heartbeat of a {@link QueueWorker}: extends the visibility deadline of the running jobs
 * in one script call, and warns of a job this worker no longer holds. Apart from the
 * fetch loop because it runs on the shared scheduler, not on the worker's threads.
 *
 * @author redis-utils authors
 */
final class QueueHeartbeat {

	private static final Log logger = LogFactory.getLog(QueueWorker.class);

	private final DefaultJobQueue queue;

	private final QueueScripts scripts;

	private final QueueSettings settings;

	private final Map<String, Delivery> inFlight;

	private final BiConsumer<String, RuntimeException> failed;

	QueueHeartbeat(DefaultJobQueue queue, QueueScripts scripts, Map<String, Delivery> inFlight,
			BiConsumer<String, RuntimeException> failed) {
		this.queue = queue;
		this.scripts = scripts;
		this.settings = queue.settings();
		this.inFlight = inFlight;
		this.failed = failed;
	}

	private String name() {
		return this.queue.name();
	}

	void beat() {
		if (this.inFlight.isEmpty()) {
			return;
		}
		List<Delivery> deliveries = List.copyOf(this.inFlight.values());
		Object[] args = new Object[1 + deliveries.size() * 2];
		args[0] = this.settings.visibilityTimeout().toMillis();
		for (int i = 0; i < deliveries.size(); i++) {
			args[1 + 2 * i] = deliveries.get(i).id;
			args[2 + 2 * i] = deliveries.get(i).token;
		}
		try {
			List<?> extended = this.scripts.run(QueueScripts.EXTEND, this.queue.keys(), args);
			for (int i = 0; extended != null && i < extended.size(); i++) {
				if (RedisReplies.number(extended.get(i), this.queue.keys().waiting(), RedisReplies.element(i)) == 0L
						&& this.inFlight.containsKey(deliveries.get(i).id)) {
					logger.warn("Job " + deliveries.get(i).id + " of queue '" + name()
							+ "' is no longer held by this worker: its visibility deadline passed before a heartbeat");
				}
			}
		}
		catch (RuntimeException ex) {
			this.failed.accept("extend the running jobs of", ex);
		}
	}

}
