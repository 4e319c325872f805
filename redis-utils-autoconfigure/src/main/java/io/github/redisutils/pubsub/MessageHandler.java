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
package io.github.redisutils.pubsub;

/**
 * Handles received messages together with their envelope. Runs on the pub/sub handler
 * executor (or a reliable consumer's thread), never on a Lettuce event-loop thread. An
 * exception is logged and counted; in reliable mode it also leaves the message
 * unacknowledged, so it is delivered again.
 *
 * @param <T> the payload type
 * @author redis-utils authors
 */
@FunctionalInterface
public interface MessageHandler<T> {

	/**
	 * Handle one message.
	 * @param message the message and its envelope
	 * @throws Exception if handling failed
	 */
	void onMessage(ReceivedMessage<T> message) throws Exception;

}
