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
 * Actuator support: the {@code redis} health contributor, which bounds every child by
 * {@code redis.health.timeout}; the extension point features use to add children to it;
 * and one health indicator per feature, turning the feature's status record into a
 * {@code Health} (the feature packages hold no Spring Boot type).
 */
@NullMarked
package io.github.redisutils.actuate;

import org.jspecify.annotations.NullMarked;
