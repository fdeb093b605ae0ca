/* SPDX-License-Identifier: MIT */
/* bundle.c — opening a bundle safely, transactions, and the shared SQL
 * helpers of bundle*.c. */
#include "config.h"
#include "bundle_internal.h"
#include "bundle_schema.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* SQLite's "database is locked" does not say what to do about it. */
static bool locked(struct bundle *b, struct qk_err *e, const char *what)
{
	int code = sqlite3_errcode(b->db);

	if (code != SQLITE_BUSY && code != SQLITE_LOCKED)
		return false;
	qk_err_set(e, "%s: %s: the bundle is locked: another program (an import, an edit) is writing "
		      "it; try again when it has finished / 期刊库正被其他程序写入",
		   b->path, what);
	return true;
}

int bundle_fail(struct bundle *b, struct qk_err *e, const char *what)
{
	int code = sqlite3_errcode(b->db);

	if (locked(b, e, what))
		return -1;
	qk_err_set(e, "%s: %s: %s", b->path, what, sqlite3_errmsg(b->db));
	/* (SQLITE_NOTADB may be a file that never was a bundle: see
	 * classify_failure.) */
	if (code == SQLITE_CORRUPT || sqlite3_extended_errcode(b->db) == SQLITE_IOERR_SHORT_READ) {
		size_t n = strlen(e ? e->msg : "");

		if (e) {
			snprintf(e->msg + n, sizeof e->msg - n,
				 " — the bundle is damaged; run 'qikan check', or copy it again / 期刊库已损坏");
			e->damaged = true;
		}
	}
	return -1;
}

sqlite3_stmt *bundle_prepare(struct bundle *b, const char *sql, struct qk_err *e)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
		bundle_fail(b, e, "cannot prepare a query");
		return NULL;
	}
	return st;
}

int bundle_exec(struct bundle *b, const char *sql, struct qk_err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(b->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (!locked(b, e, "cannot write"))
			qk_err_set(e, "%s: %s", b->path, msg ? msg : sqlite3_errmsg(b->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int bundle_query_int(struct bundle *b, const char *sql, int64_t arg, int64_t *out, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, sql, e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, arg);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the bundle");
}

int bundle_query_strs(struct bundle *b, const char *sql, int64_t arg, char ***v, size_t *n, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, sql, e);
	size_t cap = *n;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, arg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		(*v)[(*n)++] = bundle_col_str(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the bundle");
}

char *bundle_col_str(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? xstrdup((const char *)t) : NULL;
}

int bundle_require_writable(struct bundle *b, struct qk_err *e)
{
	if (!b->readonly)
		return 0;
	return qk_err_set(e, "%s: the bundle is read-only (no write permission) / 期刊库只读", b->path);
}

int bundle_begin(struct bundle *b, struct qk_err *e)
{
	if (bundle_require_writable(b, e))
		return -1;
	/* The outermost level takes the write lock at once (BEGIN IMMEDIATE),
	 * so a busy bundle fails here, before any work, not at COMMIT. */
	if (b->savepoints == 0 && bundle_exec(b, "BEGIN IMMEDIATE", e))
		return -1;
	if (b->savepoints > 0 && bundle_exec(b, "SAVEPOINT qk", e))
		return -1;
	b->savepoints++;
	return 0;
}

int bundle_commit(struct bundle *b, struct qk_err *e)
{
	b->savepoints--;
	if (b->savepoints > 0)
		return bundle_exec(b, "RELEASE qk", e);
	if (bundle_exec(b, "COMMIT", e)) {
		bundle_exec(b, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

void bundle_rollback(struct bundle *b)
{
	b->savepoints--;
	if (b->savepoints > 0) {
		bundle_exec(b, "ROLLBACK TO qk; RELEASE qk", NULL);
		return;
	}
	if (!sqlite3_get_autocommit(b->db))
		bundle_exec(b, "ROLLBACK", NULL);
}

bool bundle_readonly(const struct bundle *b)
{
	return b->readonly;
}

bool bundle_unnamed(const struct bundle *b)
{
	return b->new_fd >= 0;
}

const char *bundle_path(const struct bundle *b)
{
	return b->path;
}

const char *bundle_sqlite_version(void)
{
	return sqlite3_libversion();
}

/* Writable means: we may write the file and create the journal beside it. */
static bool path_writable(const char *path)
{
	char *dir = xstrdup(path);
	bool ok = access(path, W_OK) == 0 && access(dirname(dir), W_OK | X_OK) == 0;

	free(dir);
	return ok;
}

static int pragma_int(struct bundle *b, const char *sql, int *out, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, sql, e);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the header");
}

static int create_schema(struct bundle *b, struct qk_err *e)
{
	char *sql;

	/* Chinese text takes two bytes a character in UTF-16 against three
	 * in UTF-8: the paragraphs, most of a bundle after the index, shrink
	 * by a third (bundle size, tests/bench/import.sh).  SQLite converts at
	 * its edge, so the code sees UTF-8 as before.  16 KB pages waste less
	 * of the index's leaves.  Incremental auto-vacuum lets a new bundle
	 * give back the pages its index merges left free (bundle_publish).
	 * All must be set before the first table. */
	if (bundle_exec(b,
			"PRAGMA page_size = 16384; PRAGMA encoding = 'UTF-16le'; PRAGMA auto_vacuum = INCREMENTAL",
			e) ||
	    bundle_begin(b, e))
		return -1;
	sql = xasprintf("PRAGMA application_id = %d; PRAGMA user_version = %d;", BUNDLE_APP_ID,
			BUNDLE_SCHEMA_VERSION);
	if (bundle_exec(b, bundle_schema_sql, e) || bundle_exec(b, bundle_schema_derived_sql, e) ||
	    bundle_exec(b, sql, e) || bundle_search_create(b, e)) {
		free(sql);
		bundle_rollback(b);
		return -1;
	}
	free(sql);
	return bundle_commit(b, e);
}

static bool was_sqlite(const char *path);

/* Checks that the file is a qikan bundle this version can read, creating
 * the schema in a brand-new (empty) file.  *version gets the file's schema
 * version (older ones are migrated by the caller). */
static int check_header(struct bundle *b, int *version_out, struct qk_err *e)
{
	int app = 0, version = 0, tables = 0;

	if (pragma_int(b, "PRAGMA application_id", &app, e)) {
		if (e && e->damaged) /* bundle_fail said what */
			return -1;
		return qk_err_set(e, "%s: not a qikan bundle (not an SQLite database) / 不是期刊库文件",
				  b->path);
	}
	if (pragma_int(b, "PRAGMA user_version", &version, e) ||
	    pragma_int(b, "SELECT count(*) FROM sqlite_schema", &tables, e))
		return -1;
	*version_out = version;
	if (app == 0 && version == 0 && tables == 0) {
		/* Only a file we just made gets a schema: an existing empty
		 * database is a bundle lost by a bad copy, not a new one. */
		if (b->created && !b->readonly) {
			*version_out = BUNDLE_SCHEMA_VERSION;
			return create_schema(b, e);
		}
		/* SQLite reads a file shorter than a page as an empty database,
		 * whatever it holds. */
		if (!was_sqlite(b->path))
			return qk_err_set(e, "%s: not a qikan bundle (not an SQLite database) / 不是期刊库文件",
					  b->path);
		qk_err_set(e, "%s: an empty database, not a qikan bundle (a damaged copy?) / 空数据库",
			   b->path);
		if (e)
			e->damaged = true;
		return -1;
	}
	b->foreign = app != BUNDLE_APP_ID || version > BUNDLE_SCHEMA_VERSION;
	if (app != BUNDLE_APP_ID)
		return qk_err_set(e, "%s: not a qikan bundle (application id %#x) / 不是期刊库文件",
				  b->path, (unsigned)app);
	if (version > BUNDLE_SCHEMA_VERSION)
		return qk_err_set(e,
				  "%s: made by a newer qikan (schema %d; this qikan reads up to %d) / "
				  "需要更新版本的 qikan",
				  b->path, version, BUNDLE_SCHEMA_VERSION);
	if (version < 1)
		return qk_err_set(e, "%s: damaged bundle header (schema version %d)", b->path, version);
	return 0;
}

static int configure_connection(struct bundle *b, struct qk_err *e)
{
	/* The file may come from anywhere: refuse tricks in its schema. */
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
	sqlite3_busy_timeout(b->db, 5000);
	if (bundle_exec(b, "PRAGMA foreign_keys = ON", e))
		return -1;
	return bundle_search_register(b->db, e);
}

/* Reproducible builds (https://reproducible-builds.org/specs/source-date-epoch/):
 * when SOURCE_DATE_EPOCH is set, SQLite's 'now' is that time, so every
 * time the bundle stores (issue.imported_at, edit times) is the same in
 * two builds of data/sample.qikan.  Every stored time comes from 'now',
 * and 'now' comes from the VFS, so a copy of the default VFS with another
 * clock covers them all.  Returns the VFS name, or NULL to use the
 * default (unset or not a plain number of seconds). */
static sqlite3_int64 sde_ms; /* the epoch as a Julian day in milliseconds */

static int sde_time64(sqlite3_vfs *vfs, sqlite3_int64 *now)
{
	(void)vfs;
	*now = sde_ms;
	return SQLITE_OK;
}

static int sde_time(sqlite3_vfs *vfs, double *now)
{
	(void)vfs;
	*now = (double)sde_ms / 86400000.0;
	return SQLITE_OK;
}

static const char *sde_vfs(void)
{
	static sqlite3_vfs vfs;
	const char *v = getenv("SOURCE_DATE_EPOCH");
	sqlite3_vfs *def;
	char *end;
	long long t;

	if (!v || !*v || strspn(v, "0123456789") != strlen(v))
		return NULL;
	errno = 0;
	t = strtoll(v, &end, 10);
	if (errno || t > 253402300799LL) /* 9999-12-31T23:59:59Z */
		return NULL;
	sde_ms = (sqlite3_int64)t * 1000 + 210866760000000LL; /* Unix epoch = JD 2440587.5 */
	if (!vfs.zName) {
		def = sqlite3_vfs_find(NULL);
		if (!def)
			return NULL;
		vfs = *def;
		vfs.zName = "qikan-source-date-epoch";
		vfs.xCurrentTime = sde_time;
		if (vfs.iVersion >= 2)
			vfs.xCurrentTimeInt64 = sde_time64;
		if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
			vfs.zName = NULL;
			return NULL;
		}
	}
	return vfs.zName;
}

static int open_db(struct bundle *b, int flags, bool immutable, struct qk_err *e)
{
	char *uri = NULL;
	int rc;

	if (immutable) {
		/* Last resort for a read-only WAL bundle in a read-only directory,
		 * where SQLite cannot create the -shm file. */
		char *q = sqlite3_mprintf("%q", b->path);
		struct sb u = { 0 };

		sb_adds(&u, "file:");
		for (const char *p = q; *p; p++) {
			if (*p == '?' || *p == '#' || *p == '%')
				sb_printf(&u, "%%%02X", (unsigned char)*p);
			else
				sb_addc(&u, *p);
		}
		sb_adds(&u, "?immutable=1");
		sqlite3_free(q);
		uri = sb_steal(&u);
		flags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri ? uri : b->path, &b->db, flags, sde_vfs());
	free(uri);
	if (rc != SQLITE_OK) {
		qk_err_set(e, "%s: cannot open: %s", b->path,
			   b->db ? sqlite3_errmsg(b->db) : sqlite3_errstr(rc));
		sqlite3_close(b->db);
		b->db = NULL;
		return -1;
	}
	return 0;
}

/* Whether the bytes at p look like a b-tree page's header (type, cell
 * count, start of the cell content and fragmented bytes agree with a page
 * of `page` bytes). */
static bool btree_page(const unsigned char *p, unsigned page)
{
	unsigned hdr = p[0] == 2 || p[0] == 5 ? 12 : 8, cells = (unsigned)p[3] << 8 | p[4];
	unsigned start = (unsigned)p[5] << 8 | p[6];

	if (p[0] != 2 && p[0] != 5 && p[0] != 10 && p[0] != 13)
		return false;
	start = start ? start : 65536;
	return hdr + 2 * cells <= start && start <= page && p[7] <= 60;
}

/* True when the file was an SQLite database, though it may no longer read
 * as one: it starts as every SQLite database does, or what else is in it
 * shows what a damaged header hid.  A text file, random bytes or another
 * program's file show none of this (a text file never holds the NUL bytes
 * of the fields looked at).  File format: sqlite.org/fileformat.html. */
static bool was_sqlite(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	const size_t want = 100 + 9 * 65536;
	unsigned char *h = xmalloc(want);
	long n = read_file_head(path, h, want);
	unsigned page, diff = 0, found = 0;
	bool was = false, nul = false;

	for (int i = 0; i < 16 && i < n; i++)
		diff += h[i] != (unsigned char)magic[i];
	for (long i = 0; i < 100 && i < n; i++)
		nul = nul || h[i] == 0;
	page = n >= 100 ? (unsigned)h[16] << 8 | h[17] : 0;
	if (n > 0 && n < 16) {
		was = diff == 0; /* the start of the magic string: a copy cut short */
	} else if (n >= 16 && diff == 0) {
		was = true;
	} else if (n >= 100) {
		/* A few changed bytes in the magic string; the qikan
		 * application id (offset 68); or a valid page size with the
		 * file-format versions (1 or 2) and the payload fractions 64,
		 * 32, 32 every SQLite file has at 18..23. */
		was = diff <= 4 || ((uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71]) ==
					    BUNDLE_APP_ID;
		was = was || ((page == 1 || (page >= 512 && !(page & (page - 1)))) && (h[18] == 1 || h[18] == 2) &&
			      (h[19] == 1 || h[19] == 2) && h[21] == 64 && h[22] == 32 && h[23] == 32);
		/* The whole header lost (a zeroed first page): the pages after
		 * it still have b-tree headers where pages begin, for one page
		 * size.  Two of the next eight are asked for. */
		for (unsigned p = 512; nul && !was && p <= 65536; p *= 2) {
			found = 0;
			for (long off = p; off + 8 <= n && off <= 8L * p; off += p)
				found += btree_page(h + off, p);
			was = found >= 2;
		}
	}
	free(h);
	return was;
}

/* A file that was a database (its header says so) and cannot be read as a
 * bundle is damaged: exit 1 and say so, rather than "not a bundle". */
static void classify_failure(struct bundle *b, struct qk_err *e)
{
	if (!e || e->damaged || b->foreign || b->created || !was_sqlite(b->path))
		return;
	qk_err_set(e, "%s: the bundle is damaged: an SQLite file that cannot be read (%s); "
		   "run 'qikan check', or copy it again / 期刊库已损坏", b->path,
		   b->db ? sqlite3_errmsg(b->db) : "cannot open");
	e->damaged = true;
}

/* Whether an SQLite file of `size` bytes holds whole pages (its page size
 * is the big-endian word at offset 16; 1 means 65536).  A file that is not
 * SQLite at all answers true: check_header says what it is. */
static bool whole_pages(const char *path, off_t size)
{
	unsigned char h[18];
	unsigned page;

	if (read_file_head(path, h, sizeof h) < (long)sizeof h || memcmp(h, "SQLite format 3", 16))
		return true;
	page = (unsigned)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)))
		return true;
	return size % page == 0;
}

struct bundle *bundle_open(const char *path, enum bundle_mode mode, struct qk_err *e)
{
	struct bundle *b = xcalloc(1, sizeof *b);
	struct stat st;
	int flags, version = 0;

	b->path = xstrdup(path);
	b->new_fd = -1;
	if (!*path) {
		/* SQLite would open a temporary database and forget it. */
		qk_err_set(e, "an empty bundle file name / 期刊库文件名为空");
		goto fail;
	}
	if (stat(path, &st) != 0) {
		if (errno != ENOENT || mode != BUNDLE_CREATE) {
			qk_err_set(e, "%s: %s", path, strerror(errno));
			goto fail;
		}
		b->created = true;
	} else if (!S_ISREG(st.st_mode)) {
		qk_err_set(e, "%s: not a regular file / 不是普通文件", path);
		goto fail;
	} else if (st.st_size == 0) {
		/* Never given a schema: a truncated copy must not pass as new. */
		qk_err_set(e, "%s: an empty file (0 bytes): not a bundle, or a damaged copy / 空文件", path);
		if (e)
			e->damaged = true;
		goto fail;
	} else if (!whole_pages(path, st.st_size)) {
		/* SQLite reads what is there and ignores a cut-off last page,
		 * so a copy cut short would pass for whole until that page is
		 * needed. */
		qk_err_set(e, "%s: damaged: the file ends inside a database page (a truncated copy?) / 期刊库已损坏",
			   path);
		if (e)
			e->damaged = true;
		goto fail;
	}
	if (stat(path, &st) == 0) {
		b->readonly = !path_writable(path);
		flags = b->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	} else {
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	}
	if (open_db(b, flags, false, e) || configure_connection(b, e))
		goto fail;
	if (check_header(b, &version, e)) {
		if (!b->readonly)
			goto fail;
		/* A read-only WAL file needs the immutable open. */
		sqlite3_close(b->db);
		b->db = NULL;
		if (open_db(b, flags, true, e) || configure_connection(b, e) || check_header(b, &version, e))
			goto fail;
	}
	if (version < BUNDLE_SCHEMA_VERSION && bundle_migrate(b, version, e))
		goto fail;
	/* A 32 MB page cache keeps a large import from spilling pages to the
	 * WAL mid-transaction (which made a 1,000-issue import I/O bound). */
	if (bundle_exec(b, "PRAGMA cache_size = -32768", e))
		goto fail;
	if (!b->readonly && bundle_exec(b, "PRAGMA journal_mode = WAL", e))
		goto fail;
	return b;
fail:
	classify_failure(b, e);
	bundle_close(b);
	return NULL;
}

static void forget_unnamed(struct bundle *b);

void bundle_close(struct bundle *b)
{
	if (!b)
		return;
	bundle_derived_run_free(b);
	sqlite3_close(b->db);
	forget_unnamed(b);
	if (b->new_fd >= 0)
		close(b->new_fd); /* never published: the file goes with it */
	free(b->path);
	free(b);
}

/* ---- a new bundle in a file without a name ----
 * A first import builds its bundle in an unnamed file (O_TMPFILE) in the
 * target's folder and gives it the target's name only when everything is
 * written and synced (bundle_publish): a killed import leaves nothing,
 * and no other qikan sees a half-made bundle.  SQLite opens files by
 * name, so its "open" system call is wrapped: the one made-up name
 * (never on disk) opens the unnamed file. */

static char *unnamed_path; /* the made-up name, while a file has none */
static int unnamed_fd = -1;
static sqlite3_syscall_ptr real_open, real_stat;

static int open_unnamed(const char *path, int flags, int mode)
{
	if (unnamed_path && !strcmp(path, unnamed_path))
		return dup(unnamed_fd);
	return ((int (*)(const char *, int, int))real_open)(path, flags, mode);
}

/* SQLite checks by its name that its file was not moved. */
static int stat_unnamed(const char *path, struct stat *st)
{
	if (unnamed_path && !strcmp(path, unnamed_path))
		return fstat(unnamed_fd, st);
	return ((int (*)(const char *, struct stat *))real_stat)(path, st);
}

static int wrap_syscalls(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find("unix");

	if (real_open)
		return 0;
	if (!vfs || vfs->iVersion < 3 || !vfs->xGetSystemCall || !vfs->xGetSystemCall(vfs, "open") ||
	    !vfs->xGetSystemCall(vfs, "stat"))
		return -1;
	real_open = vfs->xGetSystemCall(vfs, "open");
	real_stat = vfs->xGetSystemCall(vfs, "stat");
	vfs->xSetSystemCall(vfs, "open", (sqlite3_syscall_ptr)open_unnamed);
	vfs->xSetSystemCall(vfs, "stat", (sqlite3_syscall_ptr)stat_unnamed);
	return 0;
}

static void forget_unnamed(struct bundle *b)
{
	if (b->new_fd >= 0 && b->new_fd == unnamed_fd) {
		free(unnamed_path);
		unnamed_path = NULL;
		unnamed_fd = -1;
	}
}

struct bundle *bundle_create_new(const char *path, struct qk_err *e)
{
#ifdef O_TMPFILE
	char *dir = xstrdup(path), *real = realpath(dirname(dir), NULL), *fake;
	struct bundle *b;
	int fd;

	/* SQLite makes names absolute and resolves links: so must we. */
	fd = real ? open(real, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666) : -1;
	fake = xasprintf("%s/.qikan-new-%ld-%d", real ? real : ".", (long)getpid(), fd);
	free(dir);
	free(real);
	if (fd < 0 || unnamed_path || wrap_syscalls()) {
		/* No unnamed files here (another system or file system): the
		 * bundle is made under its name, as before. */
		if (fd >= 0)
			close(fd);
		free(fake);
		return bundle_open(path, BUNDLE_CREATE, e);
	}
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->new_fd = fd;
	b->created = true; /* an empty file of ours: check_header gives it the schema */
	unnamed_path = fake; /* until published or closed */
	unnamed_fd = fd;
	/* sde_vfs(): SOURCE_DATE_EPOCH's clock, as bundle_open has it */
	if (sqlite3_open_v2(fake, &b->db, SQLITE_OPEN_READWRITE, sde_vfs()) != SQLITE_OK) {
		qk_err_set(e, "%s: cannot create: %s", path, b->db ? sqlite3_errmsg(b->db) : "out of memory");
		bundle_close(b);
		b = NULL;
	} else if (configure_connection(b, e) ||
		   /* Nobody else can see the file: the journal in memory (a
		    * new file has no old pages to keep; OFF is refused in
		    * defensive mode), no locks to share, no syncs until
		    * bundle_publish. */
		   bundle_exec(b,
			       "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
			       "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -8192",
			       e) ||
		   check_header(b, &(int){ 0 }, e)) {
		bundle_close(b);
		b = NULL;
	}
	return b;
#else
	return bundle_open(path, BUNDLE_CREATE, e);
#endif
}

int bundle_publish(struct bundle *b, struct qk_err *e)
{
	char proc[64], *dir;
	int rc, dfd;

	if (b->new_fd < 0)
		return 0; /* made under its name */
	/* The index's last merges left pages free: give them back. */
	if (bundle_exec(b, "PRAGMA incremental_vacuum", e))
		return -1;
	if (sqlite3_close(b->db) != SQLITE_OK)
		return bundle_fail(b, e, "cannot finish the bundle");
	b->db = NULL;
	forget_unnamed(b);
	/* Built without a journal; published in WAL mode like every bundle
	 * (the header's read and write versions, bytes 18 and 19, are 2 for
	 * WAL: set here, with no connection open, so that no -wal file is
	 * made under the made-up name). */
	if (pwrite(b->new_fd, "\2\2", 2, 18) != 2 || fsync(b->new_fd) != 0)
		return qk_err_set(e, "%s: cannot write the bundle: %s", b->path, strerror(errno));
	/* linkat() fails when the name is taken: a bundle made there in the
	 * meantime is never overwritten. */
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", b->new_fd);
	rc = linkat(b->new_fd, "", AT_FDCWD, b->path, AT_EMPTY_PATH);
	if (rc != 0 && errno != EEXIST)
		rc = linkat(AT_FDCWD, proc, AT_FDCWD, b->path, AT_SYMLINK_FOLLOW);
	if (rc != 0)
		return qk_err_set(e, "%s: cannot create the bundle: %s", b->path, strerror(errno));
	close(b->new_fd);
	b->new_fd = -1;
	dir = xstrdup(b->path);
	if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd); /* the new name too */
		close(dfd);
	}
	free(dir);
	return 0;
}
