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

package io.github.redisutils.values;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a write does to a value's time to live. Redis keeps a TTL per key, so every write
 * says whether it sets one, keeps the one the key has, or removes it.
 *
 * @param mode what the write does
 * @param ttl the time to live for {@link Mode#AFTER} and {@link Mode#ON_CREATE}, else
 * {@code null}
 * @author redis-utils authors
 */
public record ValueExpiry(Mode mode, @Nullable Duration ttl) {

	private static final ValueExpiry KEEP = new ValueExpiry(Mode.KEEP, null);

	private static final ValueExpiry NEVER = new ValueExpiry(Mode.NEVER, null);

	/**
	 * Validate the expiry.
	 * @param mode what the write does
	 * @param ttl the time to live, positive and whole milliseconds, for the modes that
	 * set one; {@code null} for the others
	 */
	public ValueExpiry {
		Assert.notNull(mode, "'mode' must not be null");
		if (mode == Mode.AFTER || mode == Mode.ON_CREATE) {
			Assert.isTrue(ttl != null && ttl.toMillis() > 0,
					() -> "'ttl' must be at least 1 ms for expiry " + mode + " (was " + ttl + ")");
		}
		else {
			Assert.isNull(ttl, () -> "'ttl' must be null for expiry " + mode);
		}
	}

	/**
	 * Expire the value this long after every write.
	 * @param ttl the time to live, at least 1 ms
	 * @return the expiry
	 */
	public static ValueExpiry after(Duration ttl) {
		return new ValueExpiry(Mode.AFTER, ttl);
	}

	/**
	 * Expire the value this long after the write that creates it; later writes keep the
	 * TTL it has (a counter for a period, say, that must expire when the period does
	 * however often it is incremented).
	 * @param ttl the time to live, at least 1 ms
	 * @return the expiry
	 */
	public static ValueExpiry onCreate(Duration ttl) {
		return new ValueExpiry(Mode.ON_CREATE, ttl);
	}

	/**
	 * Keep the TTL the key has; a key the write creates gets none.
	 * @return the expiry
	 */
	public static ValueExpiry keep() {
		return KEEP;
	}

	/**
	 * Never expire: a write removes any TTL the key had.
	 * @return the expiry
	 */
	public static ValueExpiry never() {
		return NEVER;
	}

	/**
	 * The time to live in milliseconds, {@code 0} for the modes without one.
	 * @return the time to live
	 */
	long ttlMillis() {
		return (this.ttl != null) ? this.ttl.toMillis() : 0;
	}

	/**
	 * What a write does to a value's time to live.
	 */
	public enum Mode {

		/**
		 * Set the TTL on every write.
		 */
		AFTER,

		/**
		 * Set the TTL when the write creates the key, else keep it.
		 */
		ON_CREATE,

		/**
		 * Keep the key's TTL.
		 */
		KEEP,

		/**
		 * Remove the key's TTL.
		 */
		NEVER

	}

}
