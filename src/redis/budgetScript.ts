/**
 * The one Lua script behind the shared HubSpot budget (docs/DESIGN.md, "Sharing one HubSpot budget
 * across replicas"). Each budget is a sliding log: a sorted set whose members are request ids and
 * whose scores are the times their slots return, on Redis's own clock (TIME), so replicas' clocks
 * never matter. A slot is leased while its request is in flight (renewed by a live replica) and
 * re-scored to finish + window + margin when it ends. Search takes a search slot and a general slot
 * in the same step. Limits arrive as absolute values. Every key of one budget shares a hash tag, so
 * the script runs on one Redis Cluster node.
 *
 * A lost state (restart, flush, failover) is noticed by the replicas as a new epoch; each writes
 * back what it holds (restore), and the first restore of an epoch stops new grants for one window
 * (meta `settle`): replicas that have not written back yet may hold slots nobody here knows of,
 * and a window later nothing sent before the loss counts at HubSpot.
 *
 * KEYS: 1 general log, 2 search log, 3 meta hash (epoch, limit, settle), 4 daily remaining (string).
 * ARGV: op, windowMs, searchWindowMs, leaseMs, marginMs, searchMarginMs, then per op:
 *   take    kind id limit searchLimit epoch → {granted, waitMs, limit, used, daily|-1, epoch, reason}
 *   finish  kind id                         → 1
 *   renew   (kind id)...                    → epoch
 *   restore (kind id forMs searchForMs)...  → epoch   (ms from now; -1: leased from now; 0: none)
 *   limit   max                             → 1
 *   daily   remaining                       → 1
 *   state                                   → {used, searchUsed, limit|-1, daily|-1}
 */
export const BUDGET_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local general, search, meta, daily = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local op = ARGV[1]
local window, swindow = tonumber(ARGV[2]), tonumber(ARGV[3])
local lease, margin, smargin = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local ttl = window + lease + 60000

local function epoch()
  local current = redis.call('HGET', meta, 'epoch')
  if not current then
    current = t[1] .. '.' .. t[2]
    redis.call('HSET', meta, 'epoch', current)
  end
  redis.call('PEXPIRE', meta, 86400000)
  return current
end

local function put(key, score, id)
  if score > now then
    redis.call('ZADD', key, score, id)
    redis.call('PEXPIRE', key, ttl)
  end
end

-- 0 when a slot is free, else how long until the one that would let us in returns.
local function wait_for(key, limit, cap)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local used = redis.call('ZCARD', key)
  if used < limit then return 0, used end
  local nth = redis.call('ZRANGE', key, used - limit, used - limit, 'WITHSCORES')
  return math.max(1, math.min(tonumber(nth[2]) - now, cap)), used
end

if op == 'take' then
  local kind, id = ARGV[7], ARGV[8]
  local current = epoch()
  if ARGV[11] ~= '' and ARGV[11] ~= current then return {0, 0, 0, 0, -1, current, 'epoch'} end
  local limit = tonumber(ARGV[9])
  local shared = tonumber(redis.call('HGET', meta, 'limit'))
  if shared and shared < limit then limit = shared end
  local remaining = tonumber(redis.call('GET', daily))
  local wait, used = wait_for(general, limit, window)
  if remaining and remaining <= 0 then return {0, 0, limit, used, remaining, current, 'daily'} end
  local settle = tonumber(redis.call('HGET', meta, 'settle'))
  if settle and settle > now then wait = math.max(wait, math.min(settle - now, window)) end
  if kind == 'search' then
    local swait = wait_for(search, tonumber(ARGV[10]), swindow)
    if swait > wait then wait = swait end
  end
  if wait > 0 then return {0, wait, limit, used, remaining or -1, current, 'full'} end
  put(general, now + lease, id)
  if kind == 'search' then put(search, now + lease, id) end
  if remaining then
    redis.call('DECR', daily)
    remaining = remaining - 1
  end
  return {1, 0, limit, used + 1, remaining or -1, current, 'ok'}
elseif op == 'finish' then
  local kind, id = ARGV[7], ARGV[8]
  put(general, now + window + margin, id)
  if kind == 'search' then put(search, now + swindow + smargin, id) end
  return 1
elseif op == 'renew' then
  for i = 7, #ARGV, 2 do
    put(general, now + lease, ARGV[i + 1])
    if ARGV[i] == 'search' then put(search, now + lease, ARGV[i + 1]) end
  end
  return epoch()
elseif op == 'restore' then
  local current = epoch()
  redis.call('HSETNX', meta, 'settle', now + math.max(window + margin, swindow + smargin))
  for i = 7, #ARGV, 4 do
    local g, s = tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
    if g == -1 then g = lease end
    if s == -1 then s = lease end
    put(general, now + g, ARGV[i + 1])
    if ARGV[i] == 'search' then put(search, now + s, ARGV[i + 1]) end
  end
  return current
elseif op == 'limit' then
  redis.call('HSET', meta, 'limit', ARGV[7])
  redis.call('PEXPIRE', meta, 86400000)
  return 1
elseif op == 'daily' then
  -- Stale after 10 minutes: HubSpot resets the day at midnight in the account's time zone, and a
  -- refused request is never sent, so only a fresh header may keep the budget shut.
  redis.call('SET', daily, ARGV[7], 'PX', 600000)
  return 1
elseif op == 'state' then
  redis.call('ZREMRANGEBYSCORE', general, '-inf', now)
  redis.call('ZREMRANGEBYSCORE', search, '-inf', now)
  return {redis.call('ZCARD', general), redis.call('ZCARD', search),
    tonumber(redis.call('HGET', meta, 'limit')) or -1, tonumber(redis.call('GET', daily)) or -1}
end
return redis.error_reply('unknown op ' .. tostring(op))
`;
