import test from 'ava';
import {eventFields} from '../source/ui/event-fields.js';

test('an event leads with its UTC clock time and its type; the rest keeps the other keys', t => {
	t.deepEqual(eventFields({type: 'step.failed', timestamp: '2026-11-23T13:16:40.239Z', data: {error: 'boom'}}), {time: '13:16:40.239', type: 'step.failed', rest: {data: {error: 'boom'}}});
	t.is(eventFields({ts: Date.UTC(2026, 10, 23, 13, 16, 40, 239), event: 'tick'}).time, '13:16:40.239', 'epoch milliseconds');
	t.is(eventFields({ts: Date.UTC(2026, 10, 23, 13, 16, 40) / 1000, event: 'tick'}).time, '13:16:40.000', 'epoch seconds');
	t.is(eventFields({timestamp: '2026-11-23 13:16:40.123456+00'}).time, '13:16:40.123', 'PostgreSQL text in UTC');
});

test('times in another offset stay whole, generic keys are not taken for time or type, and non-objects stay as they are', t => {
	t.is(eventFields({time: '2026-11-23T13:16:40+02:00', type: 'b'}).time, '2026-11-23T13:16:40+02:00');
	t.deepEqual(eventFields({name: 'https://example.test', at: 'checkout'}), {time: '', type: '', rest: {name: 'https://example.test', at: 'checkout'}});
	t.deepEqual(eventFields('plain text'), {time: '', type: '', rest: 'plain text'});
	t.deepEqual(eventFields({type: 42}), {time: '', type: '', rest: {type: 42}});
});
