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
 * One subject among those with the highest usage of a metric in a period.
 *
 * @param rank its place, from 1
 * @param subject the subject
 * @param units its usage in the metric's units
 * @param scale the metric's decimal places
 * @author redis-utils authors
 */
public record UsageRank(int rank, String subject, long units, int scale) {

	/**
	 * The usage as an amount.
	 * @return the amount
	 */
	public BigDecimal amount() {
		return BigDecimal.valueOf(this.units, this.scale);
	}

}
