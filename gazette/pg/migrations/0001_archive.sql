-- The gazette archive: issues and their documents with provenance, the parse's warnings,
-- appointments, chronicle events and citations, and what search needs.
-- Applied by `gazette db init` / `gazette db upgrade` in one transaction, inside schema gazette.

CREATE TABLE settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE issues (
    key          text PRIMARY KEY,            -- sha256 of the source file
    path         text NOT NULL UNIQUE,        -- the file it was ingested from (absolute)
    format       text,                        -- txt | pdf | docx | html
    encoding     text,
    pages        integer,
    kind         text,                        -- gazette_issue | single_document | web_page
    gazette_name text,
    publisher    text,
    year         integer,
    issue        text,
    total_issue  text,
    published    text,                        -- ISO date as printed (YYYY-MM-DD)
    gazette      json NOT NULL,               -- the parse JSON's "gazette" object
    metadata     json NOT NULL,               -- a web page's metadata block
    toc          json NOT NULL,               -- the parse JSON's "toc"
    corrections  json NOT NULL,               -- the normalizer's corrections
    documents    integer NOT NULL,            -- how many documents the parse found
    -- sums of the documents' field lengths (tokens): BM25's average lengths
    n_chars      bigint NOT NULL DEFAULT 0,
    n_words      bigint NOT NULL DEFAULT 0,
    n_title      bigint NOT NULL DEFAULT 0,
    n_issuer     bigint NOT NULL DEFAULT 0,
    n_recipients bigint NOT NULL DEFAULT 0,
    n_people     bigint NOT NULL DEFAULT 0,
    n_number     bigint NOT NULL DEFAULT 0,
    n_gazette    bigint NOT NULL DEFAULT 0,
    ingested_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE warnings (
    issue_key text NOT NULL REFERENCES issues (key) ON DELETE CASCADE,
    n         integer NOT NULL,
    code      text NOT NULL,
    message   text,
    line      integer,
    PRIMARY KEY (issue_key, n)
);

CREATE TABLE documents (
    docid           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text NOT NULL UNIQUE,     -- KEY:SEQ, what `gazette show` takes
    issue_key       text NOT NULL REFERENCES issues (key) ON DELETE CASCADE,
    seq             integer NOT NULL,
    path            text NOT NULL,            -- the issue's path (results are ordered by path, seq)
    section         text,
    title           text,
    enclosure_title text,
    doc_number      text,
    doc_number_raw  text,
    dn_key          text,                     -- year-serial of the number: its lookup key
    doc_type        text,
    category        text NOT NULL,
    issuer          text,
    recipients      text,
    date            date,
    print_date      text,
    year            text,                     -- the document's year, else the issue's
    same_doc        text,                     -- what copies of one document share ('' = nothing)
    first_line      integer,
    last_line       integer,
    first_page      integer,
    last_page       integer,
    body            text,
    doc             json NOT NULL,            -- the document's parse JSON ("body": null; see body)
    cites           text[] NOT NULL,          -- keys of the document numbers it cites
    -- search: token strings (each token between \x02 and \x03), lengths in tokens, lexemes
    chars           text NOT NULL,            -- the whole text: title, number, issuer, recipients, people, body
    title_s         text NOT NULL,
    issuer_s        text NOT NULL,
    recipients_s    text NOT NULL,
    people_s        text NOT NULL,
    number_s        text NOT NULL,
    gazette_s       text NOT NULL,
    n_chars         integer NOT NULL,
    n_words         integer NOT NULL,
    n_title         integer NOT NULL,
    n_issuer        integer NOT NULL,
    n_recipients    integer NOT NULL,
    n_people        integer NOT NULL,
    n_number        integer NOT NULL,
    n_gazette       integer NOT NULL,
    lex             tsvector NOT NULL,        -- grams of every text field; words with their counts
    lex_complete    boolean NOT NULL,         -- false: too many lexemes, `lex` holds none (always checked)
    UNIQUE (issue_key, seq)
);
-- a query string is counted in every matching document: kept uncompressed (octet_length
-- reads only the header)
ALTER TABLE documents ALTER COLUMN chars SET STORAGE EXTERNAL;
CREATE INDEX documents_lex ON documents USING gin (lex);
CREATE INDEX documents_incomplete ON documents (docid) WHERE NOT lex_complete;
CREATE INDEX documents_dn_key ON documents (dn_key);
CREATE INDEX documents_cites ON documents USING gin (cites);
CREATE INDEX documents_category ON documents (category);
CREATE INDEX documents_doc_type ON documents (doc_type);
CREATE INDEX documents_year ON documents (year);
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_path_seq ON documents (path, seq);

CREATE TABLE appointments (
    issue_key  text NOT NULL REFERENCES issues (key) ON DELETE CASCADE,
    doc_id     text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    n          integer NOT NULL,
    action     text,
    person     text,
    position   text,
    note       text,
    date       text,
    doc_number text,
    body       text,                          -- the deciding body
    first_line integer,
    last_line  integer,
    PRIMARY KEY (doc_id, n)
);
CREATE INDEX appointments_person ON appointments (person);

CREATE TABLE events (
    issue_key  text NOT NULL REFERENCES issues (key) ON DELETE CASCADE,
    doc_id     text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    n          integer NOT NULL,
    date       text,
    date_end   text,
    text       text,
    first_line integer,
    last_line  integer,
    PRIMARY KEY (doc_id, n)
);

CREATE TABLE citations (
    issue_key  text NOT NULL REFERENCES issues (key) ON DELETE CASCADE,
    doc_id         text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    n              integer NOT NULL,
    doc_number     text,
    doc_number_raw text,
    title          text,
    relation       text,                      -- cites | repeals | invalidates
    first_line     integer,
    last_line      integer,
    PRIMARY KEY (doc_id, n)
);
CREATE INDEX citations_doc_number ON citations (doc_number);

-- Roles: gazette_writer ingests and removes, gazette_reader only reads (their rights are
-- granted by every `gazette db init` / `upgrade`).  Created here when the user running the
-- migration may create roles; log-in roles are made members of them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gazette_reader') THEN
        CREATE ROLE gazette_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gazette_writer') THEN
        CREATE ROLE gazette_writer NOLOGIN;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'roles gazette_reader and gazette_writer not created (no CREATEROLE privilege)';
END
$$;
