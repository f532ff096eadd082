"""Run the reminder sweep once, as the beat task does (for operators, cron fallbacks and tests)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from deadlines.services import deadlines_sweep


class Command(BaseCommand):
    help = "执行一次期限提醒扫描（与定时任务相同），可用 --today 指定日期。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按此日期扫描（YYYY-MM-DD），默认今天（Asia/Shanghai）")
        parser.add_argument("--no-email", action="store_true", help="只写入提醒，不立即触发邮件发送（邮件任务仍按计划发送）")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today 应为 YYYY-MM-DD：{exc}") from exc
        result = deadlines_sweep(today=today, now=timezone.now(), queue_emails=not options["no_email"])
        self.stdout.write(
            f"{result.today}: 扫描期限 {result.deadlines} 项，新写入提醒 {result.notices} 条（已有的不重复写入），"
            f"待发邮件 {result.queued} 封，更新提醒计划 {result.rescheduled} 项"
        )
