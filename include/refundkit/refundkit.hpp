#pragma once

// The umbrella header: everything a merchant backend needs.
#include "refundkit/afterpay.hpp"
#include "refundkit/batch.hpp"
#include "refundkit/curl_transport.hpp"
#include "refundkit/date.hpp"
#include "refundkit/decimal.hpp"
#include "refundkit/error.hpp"
#include "refundkit/komfortkasse.hpp"
#include "refundkit/money.hpp"
#include "refundkit/optty.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/refund_client.hpp"
#include "refundkit/result.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/skippay.hpp"
#include "refundkit/transport.hpp"
#include "refundkit/version.hpp"
