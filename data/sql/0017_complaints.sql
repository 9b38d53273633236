-- Complaints (Art. 9(6), 10, 21): filed by a person at the kiosk or by a
-- counter clerk for the person at the desk, handled by the third-party
-- supervisor in the way of the public-service hotlines:
--
--   待受理 submitted → 已受理 accepted | 不予受理 rejected (reason)
--   accepted → 办理中 handling (assigned to a handler)
--   accepted | handling | 重办 redo → 已答复 replied (a reply the person sees)
--                                  → 待补充材料 waiting (a question; the clock stops)
--   waiting → back where it was, when the person adds what was asked
--   replied → 回访 follow_up → 已办结 closed; the person's 不满意 → redo
--
-- Every step is an event; the status and the deadline are derived from
-- the events (wc.complaint_clock), stored on the complaint only so the
-- supervisor's queue can be read in deadline order from an index.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('complaint_accept_days', '2'),   -- decide whether to accept
	('complaint_handle_days', '15'),  -- from acceptance to the reply
	('complaint_redo_days', '10'),    -- from 不满意 to the new reply
	('complaint_follow_days', '3'),   -- from the reply to the follow-up (回访)
	('complaint_close_days', '3'),    -- from the follow-up to closing
	('complaint_soon_days', '2'),     -- 即将超期: due within this many working days
	('complaint_open_max', '10');     -- open complaints per person

CREATE TABLE wc.complaint_category (
	code text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	ord  int GENERATED ALWAYS AS IDENTITY
);
INSERT INTO wc.complaint_category (code, name) VALUES
	('quality', '服务质量'),
	('not_delivered', '未按约定提供服务'),
	('charges', '收费问题'),
	('false_info', '虚假宣传'),
	('conduct', '服务态度'),
	('voucher', '创业券使用'),
	('offline_trade', '场外交易'),
	('privacy', '个人信息保护'),
	('platform', '平台使用'),
	('other', '其他');

CREATE TABLE wc.complaint (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	no           text NOT NULL UNIQUE, -- 投诉编号
	person_id    bigint NOT NULL REFERENCES wc.person (id),
	against      text NOT NULL CHECK (against IN ('provider', 'service', 'booking',
	                                                'operator', 'platform')),
	provider_id  bigint REFERENCES wc.provider (id),
	service_id   bigint REFERENCES wc.service (id),
	booking_id   bigint REFERENCES wc.booking (id),
	category     text NOT NULL REFERENCES wc.complaint_category (code),
	body         text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
	-- the person's county and its city when filed: the scope of counters
	-- and the queue's region filter
	county_code  text NOT NULL REFERENCES wc.region (code),
	city_code    text NOT NULL REFERENCES wc.region (code),
	status       text NOT NULL DEFAULT 'submitted'
	             CHECK (status IN ('submitted', 'accepted', 'rejected', 'handling', 'waiting',
	                               'replied', 'follow_up', 'closed', 'redo')),
	due_on       date, -- NULL while the clock is stopped or after the end
	handler_id   bigint REFERENCES wc.staff (id),
	urged        int NOT NULL DEFAULT 0,
	escalated_at timestamptz,
	-- the person's rating of the latest reply; NULL until given
	satisfaction text CHECK (satisfaction IN ('satisfied', 'basically', 'unsatisfied')),
	created_at   timestamptz NOT NULL DEFAULT now(),
	updated_at   timestamptz NOT NULL DEFAULT now(),
	staff_id     bigint REFERENCES wc.staff (id), -- the clerk who filed it for the person
	consent      text CHECK (length(consent) <= 200),
	request_key  uuid NOT NULL,
	UNIQUE (person_id, request_key),
	CHECK (against NOT IN ('provider', 'service', 'booking') OR provider_id IS NOT NULL),
	CHECK (against NOT IN ('service', 'booking') OR service_id IS NOT NULL),
	CHECK (against <> 'booking' OR booking_id IS NOT NULL),
	CHECK (staff_id IS NULL OR consent IS NOT NULL),
	-- rejected only while submitted, assigned only once accepted: a
	-- rejected complaint never had a handler (the queue relies on it)
	CHECK (status <> 'rejected' OR handler_id IS NULL)
);
CREATE INDEX ON wc.complaint (person_id, id DESC);
CREATE INDEX ON wc.complaint (provider_id, id DESC);
-- The supervisor's queue: open complaints by deadline, whole province
-- or one filter at a time (each filter reads its own index in order).
CREATE INDEX complaint_open_due ON wc.complaint (due_on, id)
	WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX ON wc.complaint (status, due_on, id);
CREATE INDEX ON wc.complaint (county_code, due_on, id) WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX ON wc.complaint (city_code, due_on, id) WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX ON wc.complaint (category, due_on, id) WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX ON wc.complaint (against, due_on, id) WHERE status NOT IN ('closed', 'rejected');
-- the bureau's view: the few reported to it (上报), open or finished
CREATE INDEX ON wc.complaint (due_on, id) WHERE escalated_at IS NOT NULL;
-- 我的 (assigned to me): without it a handler with fewer than a page of
-- open complaints had every open one read (15-20 ms at 20,000 open); and
-- with 'all', the closed ones of a handler who has few or none (else read
-- in deadline order until found: 60-80 ms).
CREATE INDEX ON wc.complaint (handler_id, due_on, id) WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX ON wc.complaint (handler_id);

-- The timeline: append-only. visible: the complainant sees it (replies,
-- questions, decisions); internal notes and follow-up records are not.
CREATE TABLE wc.complaint_event (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	complaint_id bigint NOT NULL REFERENCES wc.complaint (id),
	at           timestamptz NOT NULL DEFAULT now(),
	day          date NOT NULL, -- the Asia/Shanghai date of at
	staff_id     bigint REFERENCES wc.staff (id), -- NULL: the complainant
	action       text NOT NULL CHECK (action IN ('file', 'accept', 'reject', 'assign',
	                                             'request_info', 'supply', 'message', 'reply',
	                                             'note', 'follow_up', 'rate', 'close', 'urge',
	                                             'escalate')),
	status_after text NOT NULL
	             CHECK (status_after IN ('submitted', 'accepted', 'rejected', 'handling', 'waiting',
	                                     'replied', 'follow_up', 'closed', 'redo')),
	visible      boolean NOT NULL,
	body         text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
	rating       text CHECK (rating IN ('satisfied', 'basically', 'unsatisfied')),
	handler_id   bigint REFERENCES wc.staff (id),
	request_key  uuid,
	UNIQUE (complaint_id, request_key)
);
CREATE INDEX ON wc.complaint_event (complaint_id, id);
