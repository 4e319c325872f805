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
 * What a cleanup looks at: the keys of redis-utils that cannot simply expire.
 *
 * @author redis-utils authors
 */
public enum CleanupCategory {

	/**
	 * Fencing counters ({@code <prefix>:lock:{<name>}:fence}) of lock names unused for
	 * the lock-fence retention, never one whose lock is held.
	 */
	LOCK_FENCES("lock-fences"),

	/**
	 * Completed and dead jobs of queues beyond their retention (time and count), for
	 * queues where no job completes or fails any more to trim them.
	 */
	QUEUE_RETENTION("queue-retention"),

	/**
	 * Consumers of reliable pub/sub streams' groups that are gone: no pending entry and
	 * idle for the consumer-idle time.
	 */
	STREAM_CONSUMERS("stream-consumers"),

	/**
	 * Members of users' session indexes whose session is gone, and users' slot tokens
	 * without a time to live whose sessions are all gone.
	 */
	SESSIONS("sessions"),

	/**
	 * Blacklist entries without a time to live: deleted when every token they revoke has
	 * expired, else given the time to live they would have had.
	 */
	BLACKLIST("blacklist"),

	/**
	 * Every key under an old key prefix named in the options (never a key under the
	 * current prefix).
	 */
	OLD_PREFIX("old-prefix");

	private final String tag;

	CleanupCategory(String tag) {
		this.tag = tag;
	}

	/**
	 * Return the category's name in meters, logs and properties.
	 * @return the lower-case name, for example {@code "lock-fences"}
	 */
	public String tag() {
		return this.tag;
	}

}
