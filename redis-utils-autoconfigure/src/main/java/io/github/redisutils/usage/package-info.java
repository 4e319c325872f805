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
/**
 * Usage counters and quotas on Redis: {@link io.github.redisutils.usage.UsageTracker}
 * counts what each subject uses per metric and calendar period, ranks subjects, and
 * enforces quotas atomically across instances.
 */
@NullMarked
package io.github.redisutils.usage;

import org.jspecify.annotations.NullMarked;
