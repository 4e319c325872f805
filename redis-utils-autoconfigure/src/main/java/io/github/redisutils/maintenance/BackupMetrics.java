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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code redis.maintenance.backup.keys} and {@code redis.maintenance.restore.keys}
 * counters, tagged by outcome (a small fixed set).
 */
final class BackupMetrics {

	static final String BACKUP_KEYS = "redis.maintenance.backup.keys";

	static final String RESTORE_KEYS = "redis.maintenance.restore.keys";

	final Counter written;

	final Counter vanished;

	final Counter unsupported;

	final Counter restored;

	final Counter skipped;

	final Counter expired;

	final Counter failed;

	BackupMetrics(MeterRegistry registry) {
		this.written = backup(registry, "written");
		this.vanished = backup(registry, "vanished");
		this.unsupported = backup(registry, "unsupported");
		this.restored = restore(registry, "restored");
		this.skipped = restore(registry, "skipped");
		this.expired = restore(registry, "expired");
		this.failed = restore(registry, "failed");
	}

	private static Counter backup(MeterRegistry registry, String outcome) {
		return Counter.builder(BACKUP_KEYS)
			.description("Keys examined by backups, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	private static Counter restore(MeterRegistry registry, String outcome) {
		return Counter.builder(RESTORE_KEYS)
			.description("Backup records handled by restores, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

}
