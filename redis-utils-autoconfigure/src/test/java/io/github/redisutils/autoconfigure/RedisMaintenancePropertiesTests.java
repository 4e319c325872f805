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

package io.github.redisutils.autoconfigure;

import java.time.Duration;

import io.github.redisutils.maintenance.BackupFormat;
import io.github.redisutils.maintenance.BackupOptions;
import io.github.redisutils.maintenance.RestoreOptions;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisMaintenanceProperties}: binding, the options they describe, and
 * start-up failures naming the key.
 *
 * @author redis-utils authors
 */
class RedisMaintenancePropertiesTests {

	@Test
	void defaultsDescribeTheDefaultOptions() {
		RedisMaintenanceProperties properties = bind(RedisMaintenanceProperties.class);
		assertThat(properties.toBackupOptions()).isEqualTo(BackupOptions.defaults());
		assertThat(properties.toRestoreOptions()).isEqualTo(RestoreOptions.defaults());
	}

	@Test
	void propertiesBindIntoTheOptions() {
		RedisMaintenanceProperties properties = bind(RedisMaintenanceProperties.class,
				"redis.maintenance.backup.scan-count=50", "redis.maintenance.backup.include-ttl=false",
				"redis.maintenance.backup.format=dump", "redis.maintenance.restore.existing-keys=replace",
				"redis.maintenance.restore.ttl=remaining-at-backup", "redis.maintenance.restore.progress-every-keys=7",
				"redis.maintenance.restore.progress-interval=1m", "redis.maintenance.restore.max-reported-failures=0");
		assertThat(properties.toBackupOptions()).isEqualTo(new BackupOptions(50, false, BackupFormat.DUMP));
		RestoreOptions restore = properties.toRestoreOptions();
		assertThat(restore.existingKeys()).isEqualTo(RestoreOptions.ExistingKeys.REPLACE);
		assertThat(restore.ttl()).isEqualTo(RestoreOptions.TtlMode.REMAINING_AT_BACKUP);
		assertThat(restore.progressEveryKeys()).isEqualTo(7);
		assertThat(restore.progressInterval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(restore.maxReportedFailures()).isZero();
	}

	@Test
	void aScanCountBelowOneFailsStartUp() {
		assertRejected(RedisMaintenanceProperties.class, "redis.maintenance.backup.scanCount", "at least 1",
				"redis.maintenance.backup.scan-count=0");
	}

	@Test
	void progressEveryZeroKeysFailsStartUp() {
		assertRejected(RedisMaintenanceProperties.class, "redis.maintenance.restore.progressEveryKeys", "at least 1",
				"redis.maintenance.restore.progress-every-keys=0");
	}

	@Test
	void aZeroProgressIntervalFailsStartUp() {
		assertRejected(RedisMaintenanceProperties.class, "redis.maintenance.restore.progressInterval",
				"must be positive", "redis.maintenance.restore.progress-interval=0s");
	}

	@Test
	void negativeReportedFailuresFailStartUp() {
		assertRejected(RedisMaintenanceProperties.class, "redis.maintenance.restore.maxReportedFailures", "at least 0",
				"redis.maintenance.restore.max-reported-failures=-1");
	}

}
