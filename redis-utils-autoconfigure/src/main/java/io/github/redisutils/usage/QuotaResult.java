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

package io.github.redisutils.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * What a quota answered, like a rate-limit decision: whether the usage was allowed and,
 * for the period that binds (the one with the least left after an allowed usage, or the
 * one that refused it and resets last), its limit, what is used, what remains and when it
 * resets.
 *
 * @param quota the quota's name
 * @param allowed whether the usage was added
 * @param period the binding period
 * @param limit its limit
 * @param used its usage, after the addition when allowed
 * @param remaining what is left of its limit, never negative
 * @param resetAt when the binding period ends
 * @param resetAfter how long until then, by the server's clock
 * @author redis-utils authors
 */
public record QuotaResult(String quota, boolean allowed, UsagePeriod period, BigDecimal limit, BigDecimal used,
		BigDecimal remaining, Instant resetAt, Duration resetAfter) {

	/**
	 * How long to wait before the same usage can be allowed: zero when allowed, else
	 * until the binding period resets.
	 * @return the wait
	 */
	public Duration retryAfter() {
		return this.allowed ? Duration.ZERO : this.resetAfter;
	}

}
