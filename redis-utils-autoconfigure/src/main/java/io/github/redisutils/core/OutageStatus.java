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

package io.github.redisutils.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The state of one feature's {@link OutageBackoff}.
 *
 * @param feature the feature's name, as in health and meters
 * @param bypassing whether the feature skips Redis now
 * @param backoff how long Redis is skipped after a failure (zero: never)
 * @param failures calls that found Redis unavailable since start-up
 * @param bypassed calls that skipped Redis since start-up
 * @param since when the current outage began, or {@code null} when there is none
 * @param lastError the last failure's message, or {@code null} if there was none
 * @author redis-utils authors
 */
public record OutageStatus(String feature, boolean bypassing, Duration backoff, long failures, long bypassed,
		@Nullable Instant since, @Nullable String lastError) {

}
