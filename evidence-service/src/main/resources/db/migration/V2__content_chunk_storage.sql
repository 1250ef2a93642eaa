-- Evidence files are mostly compressed already (PDF, ZIP, images); skipping PostgreSQL's compression attempt on
-- every chunk roughly doubles upload throughput. Chunks are still stored out of line (TOAST).
ALTER TABLE content_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
