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

package io.github.redisutils.core.codec;

/**
 * A range of a byte array, passed between the steps of encoding and decoding so that a
 * step's output does not have to be copied into an exactly sized array before the next
 * step reads it.
 *
 * @param array the backing array
 * @param offset where the range starts
 * @param length how many bytes it holds
 * @author redis-utils authors
 */
record ByteSlice(byte[] array, int offset, int length) {

	/**
	 * Return a slice covering a whole array.
	 * @param array the array
	 * @return the slice
	 */
	static ByteSlice of(byte[] array) {
		return new ByteSlice(array, 0, array.length);
	}

}
