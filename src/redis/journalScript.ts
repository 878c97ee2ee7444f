/**
 * Records one change and prunes the journal to its bounds in one atomic step, oldest first, so an
 * append costs the same whatever the journal holds: the entries' total size is kept in a counter
 * (counted once from the entries when it is missing: a journal an older version wrote, or a lost
 * key), and each append removes only what the bounds no longer admit. The newest always stays.
 *
 * KEYS: 1 index (sorted set of ids), 2 entries (hash id → JSON), 3 undone (hash), 4 bytes (string).
 * ARGV: id, json, maxEntries, maxBytes, the oldest id the age bound keeps → 1
 */
export const JOURNAL_APPEND_LUA = `
local index, entries, undone, bytes = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, json = ARGV[1], ARGV[2]
local max_entries, max_bytes, oldest = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
if redis.call('EXISTS', bytes) == 0 then
  local total = 0
  for _, k in ipairs(redis.call('ZRANGE', index, 0, -1)) do total = total + redis.call('HSTRLEN', entries, k) end
  redis.call('SET', bytes, total)
end
redis.call('HSET', entries, id, json)
redis.call('ZADD', index, 0, id)
local total = redis.call('INCRBY', bytes, #json)
local count = redis.call('ZCARD', index)
local function drop(k)
  total = redis.call('INCRBY', bytes, -redis.call('HSTRLEN', entries, k))
  redis.call('ZREM', index, k)
  redis.call('HDEL', entries, k)
  redis.call('HDEL', undone, k)
  count = count - 1
end
for _, k in ipairs(redis.call('ZRANGEBYLEX', index, '-', '(' .. oldest, 'LIMIT', 0, 100)) do
  if k ~= id then drop(k) end
end
while count > max_entries or (count > 1 and total > max_bytes) do
  drop(redis.call('ZRANGE', index, 0, 0)[1])
end
return 1
`;
