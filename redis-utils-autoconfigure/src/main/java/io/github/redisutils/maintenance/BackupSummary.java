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

import java.time.Duration;
import java.time.Instant;

/**
 * What a backup wrote.
 *
 * @param keys the number of key records written
 * @param vanished keys SCAN returned that were gone (expired or deleted) when read
 * @param unsupported keys of a type the values format cannot read (module types; the DUMP
 * format keeps them), left out
 * @param bytes the bytes written, header included
 * @param backupTime the backup's time in the header: the Redis server's time when it
 * started
 * @param took how long the backup took
 * @author redis-utils authors
 */
public record BackupSummary(long keys, long vanished, long unsupported, long bytes, Instant backupTime, Duration took) {

}
