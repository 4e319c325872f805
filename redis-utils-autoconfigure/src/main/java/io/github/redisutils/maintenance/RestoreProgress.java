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

import java.time.Duration;

/**
 * How far a restore has come, reported while it runs and once at its end.
 *
 * @param lines the lines read so far, header included
 * @param restored the keys written so far
 * @param skipped the keys left alone so far because they existed
 * @param expired the keys not written because their time to live had passed
 * @param failed the records that failed so far
 * @param elapsed the time since the restore started
 * @author redis-utils authors
 */
public record RestoreProgress(long lines, long restored, long skipped, long expired, long failed, Duration elapsed) {

}
