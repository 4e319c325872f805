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

import java.util.concurrent.ConcurrentHashMap;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The default {@link JobQueues}: one {@link DefaultJobQueue} per name, created on first
 * use.
 *
 * @author redis-utils authors
 */
final class DefaultJobQueues implements JobQueues {

	private final QueueScripts scripts;

	private final RedisKeys.FeatureKeys keys;

	private final ValueCodec codec;

	private final QueueSettings.Resolver settings;

	private final ConcurrentHashMap<String, DefaultJobQueue> queues = new ConcurrentHashMap<>();

	private final QueueScripts guardedScripts;

	private final MeterRegistry meterRegistry;

	DefaultJobQueues(QueueScripts scripts, RedisKeys redisKeys, ValueCodec codec, QueueSettings.Resolver settings,
			OutageBackoff outage, MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
		this.scripts = scripts;
		this.guardedScripts = scripts.guardedBy(outage);
		this.keys = redisKeys.feature(FEATURE);
		this.codec = codec;
		this.settings = settings;
	}

	@Override
	public DefaultJobQueue queue(String name) {
		DefaultJobQueue queue = this.queues.get(name);
		if (queue == null) {
			QueueKeys queueKeys = QueueKeys.of(this.keys, name);
			queue = this.queues.computeIfAbsent(name, (n) -> new DefaultJobQueue(queueKeys, this.guardedScripts,
					this.scripts, this.codec, this.settings.settings(n), new QueueMetrics(this.meterRegistry, n)));
		}
		return queue;
	}

	@Override
	public QueueSettings settings(String name) {
		return this.settings.settings(name);
	}

	QueueScripts scripts() {
		return this.scripts;
	}

	ValueCodec codec() {
		return this.codec;
	}

}
