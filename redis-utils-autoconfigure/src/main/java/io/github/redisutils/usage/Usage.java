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

/**
 * A subject's usage of a metric in one period.
 *
 * @param subject who used it (a workspace, a user, an API key)
 * @param metric what was used
 * @param bucket the period
 * @param units the usage in the metric's units (whole amounts at scale 0,
 * {@code 10^-scale} of an amount otherwise)
 * @param scale the metric's decimal places
 * @author redis-utils authors
 */
public record Usage(String subject, String metric, UsagePeriod.Bucket bucket, long units, int scale) {

	/**
	 * The usage as an amount: {@code units} with the metric's decimal places.
	 * @return the amount
	 */
	public BigDecimal amount() {
		return BigDecimal.valueOf(this.units, this.scale);
	}

}
