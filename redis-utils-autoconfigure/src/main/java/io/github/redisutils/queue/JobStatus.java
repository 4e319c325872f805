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
package io.github.redisutils.queue;

/**
 * Where a job is in its life.
 *
 * @author redis-utils authors
 */
public enum JobStatus {

	/**
	 * Ready, waiting for a worker.
	 */
	WAITING,

	/**
	 * Scheduled to become ready later.
	 */
	DELAYED,

	/**
	 * Taken by a worker, which holds it until its visibility deadline.
	 */
	ACTIVE,

	/**
	 * Completed; kept for the completed retention, then removed.
	 */
	COMPLETED,

	/**
	 * Its last attempt failed and it waits in the delayed set for the retry after the
	 * backoff.
	 */
	FAILED,

	/**
	 * In the dead letters: its last attempt failed, or its type or payload could not be
	 * handled.
	 */
	DEAD

}
