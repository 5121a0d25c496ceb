-- The search box matches fragments anywhere in a name or a phone ('%…%'), which no b-tree can
-- serve; pg_trgm's GIN operator class can (on PGlite too, loaded as its contrib extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- Text folded for search (lower case, Spanish accents dropped), the one definition shared by the
-- trigram index and the query: the planner uses an expression index only for the same expression.
-- Immutable so it may be indexed; a plain SQL body so the planner can inline it. Capital accented
-- letters are mapped too: in a PostgreSQL database created with the C locale lower() leaves "Á" as is.
CREATE OR REPLACE FUNCTION turno_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT translate(lower($1), 'áàäâãéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ', 'aaaaaeeeeiiiiooooouuuuncaaaaaeeeeiiiiooooouuuunc') $$;
