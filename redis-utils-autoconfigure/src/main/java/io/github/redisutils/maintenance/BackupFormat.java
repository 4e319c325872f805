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

/**
 * How a backup holds the values of its keys.
 *
 * @author redis-utils authors
 */
public enum BackupFormat {

	/**
	 * Values read as data (strings, hash fields, list and set elements, sorted-set
	 * members with scores, stream entries): readable by other tools and restorable into
	 * any Redis 6.2 or later.
	 */
	VALUES,

	/**
	 * The payload of Redis's DUMP command, base64-encoded: faster to write and restore
	 * and keeps every type (module types too), but bound to the Redis version that wrote
	 * it (RESTORE refuses payloads of a later RDB version) and opaque to other tools.
	 */
	DUMP

}
