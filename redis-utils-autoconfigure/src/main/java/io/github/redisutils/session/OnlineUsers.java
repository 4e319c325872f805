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

package io.github.redisutils.session;

import java.time.Instant;
import java.util.List;

import org.springframework.util.Assert;

/**
 * A page of the users with a live session.
 *
 * @param users the users of the page, the latest to expire first
 * @param offset how many users were passed over before the page
 * @param total how many users are online
 * @author redis-utils authors
 */
public record OnlineUsers(List<OnlineUser> users, long offset, long total) {

	/**
	 * The most users one page holds.
	 */
	public static final int MAX_PAGE = 1000;

	/**
	 * Validate the page.
	 * @param users the users of the page
	 * @param offset users passed over
	 * @param total users online
	 */
	public OnlineUsers {
		Assert.notNull(users, "'users' must not be null");
		users = List.copyOf(users);
	}

	/**
	 * Whether users follow this page.
	 * @return {@code true} if a next page has users
	 */
	public boolean hasMore() {
		return this.offset + this.users.size() < this.total;
	}

	/**
	 * One online user.
	 *
	 * @param userId the user
	 * @param activeUntil when the user's latest session expires unless touched, by the
	 * server's clock
	 */
	public record OnlineUser(String userId, Instant activeUntil) {

	}

}
