#include "batch_progress.hpp"

#include <cmath>
#include <cstdio>
#include <utility>

namespace refundkit::cli {
namespace {

using std::chrono::steady_clock;

constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kPlainInterval = std::chrono::seconds(5);
constexpr std::size_t kBarWidth = 24;

double seconds_of(steady_clock::duration elapsed) {
  return std::chrono::duration<double>(elapsed).count();
}

std::string rate_text(double per_second) {
  char text[32];
  std::snprintf(text, sizeof text, per_second < 10 ? "%.1f/s" : "%.0f/s", per_second);
  return text;
}

std::string time_left_text(double seconds) {
  const auto whole = static_cast<long long>(std::ceil(seconds));
  if (whole < 90) return std::to_string(whole) + " s";
  const long long minutes = (whole + 30) / 60;
  if (minutes < 90) return std::to_string(minutes) + " min";
  return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

std::string bar(const BatchProgress& progress) {
  const std::size_t filled =
      progress.total == 0 ? kBarWidth : kBarWidth * progress.done / progress.total;
  return "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "]";
}

}  // namespace

std::string describe_progress(const BatchProgress& progress, steady_clock::duration elapsed) {
  std::string text = std::to_string(progress.done) + "/" + std::to_string(progress.total) +
                     " done, " + std::to_string(progress.failed) + " failed";
  const double seconds = seconds_of(elapsed);
  if (progress.done == 0 || seconds <= 0) return text;
  const double rate = static_cast<double>(progress.done) / seconds;
  text += ", " + rate_text(rate);
  if (progress.total > progress.done) {
    text += ", about " +
            time_left_text(static_cast<double>(progress.total - progress.done) / rate) + " left";
  }
  return text;
}

BatchProgressReporter::BatchProgressReporter(std::ostream& err, Style style, SteadyClock now)
    : err_(err), style_(style), now_(std::move(now)), start_(now_()), last_(start_) {}

void BatchProgressReporter::update(const BatchProgress& progress) {
  const steady_clock::time_point now = now_();
  // The plain line waits a whole interval from the start: a short batch logs only its summary.
  const bool due = style_ == Style::terminal ? !drawn_ || now - last_ >= kTerminalInterval
                                             : now - last_ >= kPlainInterval;
  if (due) draw(progress, now);
}

void BatchProgressReporter::finish(const BatchProgress& progress) {
  if (style_ != Style::terminal) return;
  draw(progress, now_());
  err_ << '\n' << std::flush;
}

void BatchProgressReporter::erase() {
  if (style_ != Style::terminal || drawn_width_ == 0) return;
  err_ << '\r' << std::string(drawn_width_, ' ') << '\r' << std::flush;
  drawn_width_ = 0;
  drawn_ = false;
}

void BatchProgressReporter::draw(const BatchProgress& progress, steady_clock::time_point now) {
  drawn_ = true;
  last_ = now;
  const std::string text = describe_progress(progress, now - start_);
  if (style_ == Style::plain) {
    err_ << "refundkit: " << text << '\n' << std::flush;
    return;
  }
  std::string line = bar(progress) + " " + text;
  const std::size_t width = line.size();
  // Blanks over what a longer previous line left behind (the time left may shrink).
  if (width < drawn_width_) line.append(drawn_width_ - width, ' ');
  drawn_width_ = width;
  err_ << '\r' << line << std::flush;
}

void BatchTally::add(const Result<Refund>& outcome) {
  ++rows_;
  const ExitCode code = outcome ? exit_code_for(*outcome) : exit_code_for(outcome.error());
  exit_code_ = batch_exit_code(exit_code_, code);
  if (!outcome) {
    if (outcome.error().may_have_been_executed()) {
      ++unknown_;
    } else {
      ++failed_[std::string(to_string(outcome.error().kind))];
    }
  } else if (code != kRefundCreated) {
    ++failed_["status " + std::string(to_string(outcome->status))];
  } else if (outcome->already_existed) {
    ++existing_;
  } else {
    ++created_;
  }
}

std::string BatchTally::summary() const {
  std::size_t failed = 0;
  std::string kinds;
  for (const auto& [kind, count] : failed_) {
    failed += count;
    kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(count);
  }
  std::string text = std::to_string(rows_) + (rows_ == 1 ? " row: " : " rows: ") +
                     std::to_string(created_) + " created, " + std::to_string(existing_) +
                     " existing, " + std::to_string(failed) + " failed";
  if (!kinds.empty()) text += " (" + kinds + ")";
  return text + ", " + std::to_string(unknown_) + " unknown";
}

}  // namespace refundkit::cli
