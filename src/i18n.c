/* SPDX-License-Identifier: MIT */
/* i18n.c — UI strings.  A table rather than gettext: the reader has few
 * strings, two languages, and must work uninstalled. */
#include "config.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

static bool use_zh;

static const char *const texts[MSG_COUNT][2] = {
	/*                   Chinese, English */
	[MSG_TOO_SMALL] = { "终端太小（至少 20x5）", "too small: at least 20x5" },
	[MSG_NEED_UTF8] = { "需要 UTF-8 区域设置（例如 LANG=zh_CN.UTF-8 或 C.UTF-8）",
			    "a UTF-8 locale is needed (e.g. LANG=zh_CN.UTF-8 or C.UTF-8)" },
	[MSG_NO_ARTICLE] = { "未打开文章：在目录中按 Enter 打开",
			     "no article open: press Enter on one in the contents" },
	[MSG_SEARCH_PROMPT] = { "搜索：", "search: " },
	[MSG_NO_SEARCH] = { "先按 / 搜索", "no search yet: press /" },
	[MSG_WRAPPED_TOP] = { "已回到开头", "search wrapped to the top" },
	[MSG_WRAPPED_BOTTOM] = { "已回到末尾", "search wrapped to the bottom" },
	[MSG_HELP_TITLE] = { "qikan 按键帮助", "qikan keys" },
	[MSG_HELP_FOOTER] = { "按 q、? 或 Esc 返回", "q, ? or Esc to go back" },
	[MSG_STATS_TITLE] = { "统计", "Statistics" },
	[MSG_STATS_HEAD] = { "期次", "Issue" },
	[MSG_STATS_TOTAL] = { "合计", "Total" },
	[MSG_STATS_LATER] = { "（更详细的统计稍后提供）", "(more statistics to come)" },
	[MSG_TOC] = { "目录", "Contents" },
	[MSG_EMPTY_BUNDLE] = { "这个文件里还没有期刊", "this bundle holds no issues yet" },
	[MSG_FEAT_EDIT] = { "编辑元数据", "editing metadata" },
	[MSG_FEAT_UNDO] = { "撤销编辑", "undo" },
	[MSG_FEAT_FTS] = { "全文搜索", "full-text search" },
	[MSG_FEAT_BACK] = { "后退", "back" },
	[MSG_FEAT_FORWARD] = { "前进", "forward" },
	[MSG_FEAT_PAGE] = { "到某一页", "go to a page" },
	[MSG_FEAT_WRITE] = { "写入文件", "write to a file" },
	[MSG_FEAT_NEXT_UNREAD] = { "下一篇未读", "next unread" },
	[MSG_FEAT_TOGGLE_READ] = { "标为已读/未读", "mark read/unread" },
	[MSG_FEAT_BOOKMARK] = { "收藏", "bookmark" },
	[MSG_FEAT_BOOKMARKS] = { "收藏夹", "bookmarks" },
	[MSG_FEAT_NEWS] = { "新增期刊", "new issues" },
	[MSG_LINUX_CONSOLE] = { "Linux 控制台没有汉字字形：请在 fbterm 或 zhcon 中运行 qikan",
				"the Linux console has no Chinese glyphs: run qikan inside fbterm or zhcon" },
};

const struct help_line help_lines[] = {
	{ NULL, "移动", "Moving" },
	{ "j  ↓", "下移一行", "down one line" },
	{ "k  ↑", "上移一行", "up one line" },
	{ "space  PgDn", "下翻一页", "down one page" },
	{ "b  PgUp  Ctrl-B", "上翻一页", "up one page" },
	{ "g  Home", "到开头", "to the top" },
	{ "G  End", "到末尾", "to the bottom" },
	{ NULL, "目录与窗格", "Contents and panes" },
	{ "Enter  l  →", "打开文章，展开或收起栏目（文章中 Enter 下移一行）",
	  "open an article; fold or unfold a section (in an article Enter moves down a line)" },
	{ "h  ←", "收起栏目 / 回到目录", "fold a section / back to the contents" },
	{ "Tab", "切换窗格", "switch pane" },
	{ "z", "只显示当前窗格，全宽（再按恢复并排）", "the focused pane alone, full width (again: side by side)" },
	{ "s", "统计窗格（其中回车：全部期刊）", "statistics pane (Enter in it: whole bundle)" },
	{ NULL, "文章内搜索", "Searching the article" },
	{ "/", "搜索（可输入中文）；在目录中：按标题、作者、页码查找", "search (Chinese works); in the contents: find a title, author or page" },
	{ "n", "下一个匹配", "next match" },
	{ "P", "上一个匹配", "previous match" },
	{ "Esc", "取消输入", "cancel typing" },
	{ "←→  ↑↓", "输入时：移动光标 / 以前输入过的内容", "while typing: move the cursor / earlier entries" },
	{ NULL, "未读与收藏（只记在本用户的状态文件中）", "Unread and bookmarks (kept for you, not in the bundle)" },
	{ "*", "目录中标 * 的文章未读（读到文章末尾即为已读）", "* in the contents: not read yet (read once its end was on screen)" },
	{ "N", "下一篇未读文章（按阅读顺序，跨期）", "next unread article (in reading order, across issues)" },
	{ "r", "标为已读/未读；在期或栏目上：整期或整栏", "mark read/unread; on an issue or section row: all of it" },
	{ "m", "收藏 / 取消收藏（目录中标 +）", "bookmark / remove the bookmark (+ in the contents)" },
	{ "B", "收藏夹：Enter 打开，d 删除，w 写入文件", "bookmarks: Enter opens, d removes, w writes them to a file" },
	{ "Esc  q", "关闭启动时的“新增期刊”列表", "close the list of new issues shown at start-up" },
	{ "I", "再次显示“新增期刊”列表", "the list of new issues again" },
	{ NULL, "其他", "Other" },
	{ ":  Ctrl-F", "全文搜索（全部期刊；↑↓ 调出以前的检索式）", "full-text search of all issues (Up/Down: earlier queries)" },
	{ "[  Backspace", "后退：上一篇打开的文章或上一次的搜索结果", "back: the article or search results before" },
	{ "]", "前进", "forward again" },
	{ "p", "到印刷页码（如 p 36）：打开该页上的文章", "go to a printed page (p 36): the article on it" },
	{ "w", "把打开的文章写入文件（.txt 文本，.md Markdown）；名字后可加 --encoding gb18030、--crlf、--bom",
	  "write the open article to a file (.txt text, .md Markdown); after the name --encoding gb18030, --crlf, --bom" },
	{ "e", "编辑文章信息（标题、作者、栏目、页码……）", "edit the article's title, author, section, page..." },
	{ "u", "撤销编辑", "undo an edit" },
	{ "Ctrl-L", "重画屏幕", "redraw the screen" },
	{ "[keys]", "在 config.ini 的 [keys] 中改键，如 down = n", "rebind in config.ini's [keys], e.g. down = n" },
	{ "?", "本帮助", "this help" },
	{ "q", "退出（记住阅读位置）", "quit (the reading position is kept)" },
};
const size_t help_nlines = ARRAY_LEN(help_lines);

static bool locale_is_zh(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return !strncmp(v, "zh", 2);
	}
	return false;
}

void i18n_init(enum ui_lang lang)
{
	if (lang == UI_LANG_AUTO)
		use_zh = locale_is_zh();
	else
		use_zh = lang == UI_LANG_ZH;
}

bool i18n_zh(void)
{
	return use_zh;
}

/* Library messages read "English / 中文": ASCII before the last " / ",
 * Chinese after it. */
static const char *pair_split(const char *s)
{
	const char *sep = NULL, *p;

	for (p = s; (p = strstr(p, " / ")); p++)
		sep = p;
	if (!sep)
		return NULL;
	for (p = s; p < sep; p++)
		if ((unsigned char)*p >= 0x80)
			return NULL;
	for (p = sep + 3; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return sep;
	return NULL;
}

char *i18n_pair(const char *s)
{
	const char *sep = use_zh ? pair_split(s) : NULL;

	if (!sep)
		return xstrdup(s);
	return xasprintf("%s / %.*s", sep + 3, (int)(sep - s), s);
}

const char *msg(enum msg_id id)
{
	if (id < 0 || id >= MSG_COUNT || !texts[id][0])
		return "?";
	return texts[id][use_zh ? 0 : 1];
}
