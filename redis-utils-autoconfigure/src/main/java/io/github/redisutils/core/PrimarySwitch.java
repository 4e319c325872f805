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

/**
 * Sentinel made another server the primary of a monitored master.
 *
 * @param masterName the name under which the Sentinels monitor the primary
 * @param oldPrimary {@code host:port} of the server that was the primary as this instance
 * last knew it
 * @param newPrimary {@code host:port} of the new primary
 * @author redis-utils authors
 */
public record PrimarySwitch(String masterName, String oldPrimary, String newPrimary) {

}
