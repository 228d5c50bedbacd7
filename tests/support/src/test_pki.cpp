#include "refundkit/test_support/test_pki.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <vector>

namespace refundkit::test_support {
namespace {

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;
using Bio = std::unique_ptr<BIO, BioDeleter>;

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what + " failed");
}

Key make_key() {
  // P-256: fast to generate, accepted by every TLS 1.2+ stack.
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  require(key != nullptr, "EVP_PKEY_Q_keygen");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_nconf_nid(nullptr, &context, nid, value);
  require(extension != nullptr, "X509V3_EXT_nconf_nid");
  const int added = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  require(added == 1, "X509_add_ext");
}

// A certificate for `subject_key` named `common_name`, signed by `issuer_key` in the name of
// `issuer` (itself when null: a self-signed certificate).
Cert make_cert(EVP_PKEY* subject_key, const char* common_name, long serial, X509* issuer,
               EVP_PKEY* issuer_key, const std::vector<std::pair<int, const char*>>& extensions) {
  Cert cert(X509_new());
  require(cert != nullptr, "X509_new");
  require(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
  require(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial) == 1, "serial");
  require(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
  require(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) != nullptr, "notAfter");
  require(X509_set_pubkey(cert.get(), subject_key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>(common_name), -1, -1,
                                     0) == 1,
          "subject name");
  X509* signer = issuer != nullptr ? issuer : cert.get();
  require(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "issuer name");
  for (const auto& [nid, value] : extensions) add_extension(cert.get(), signer, nid, value);
  require(X509_sign(cert.get(), issuer_key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

void write_cert(X509* cert, const std::string& path) {
  Bio file(BIO_new_file(path.c_str(), "w"));
  require(file != nullptr && PEM_write_bio_X509(file.get(), cert) == 1, "writing a certificate");
}

void write_key(EVP_PKEY* key, const std::string& path) {
  Bio file(BIO_new_file(path.c_str(), "w"));
  require(file != nullptr &&
              PEM_write_bio_PrivateKey(file.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "writing a key");
}

}  // namespace

TestPki::TestPki() {
  char pattern[] = "/tmp/refundkit-test-pki-XXXXXX";
  require(::mkdtemp(pattern) != nullptr, "mkdtemp");
  directory_ = pattern;
  ca_cert_path_ = directory_ + "/ca.pem";
  server_cert_path_ = directory_ + "/server.pem";
  server_key_path_ = directory_ + "/server-key.pem";
  try {
    const Key ca_key = make_key();
    const Cert ca = make_cert(ca_key.get(), "refundkit test CA", 1, nullptr, ca_key.get(),
                              {{NID_basic_constraints, "critical,CA:TRUE"},
                               {NID_key_usage, "critical,keyCertSign,cRLSign"},
                               {NID_subject_key_identifier, "hash"}});
    const Key server_key = make_key();
    const Cert server = make_cert(server_key.get(), "127.0.0.1", 2, ca.get(), ca_key.get(),
                                  {{NID_basic_constraints, "critical,CA:FALSE"},
                                   {NID_key_usage, "critical,digitalSignature"},
                                   {NID_ext_key_usage, "serverAuth"},
                                   {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"},
                                   {NID_subject_key_identifier, "hash"},
                                   {NID_authority_key_identifier, "keyid"}});
    write_cert(ca.get(), ca_cert_path_);
    write_cert(server.get(), server_cert_path_);
    write_key(server_key.get(), server_key_path_);
  } catch (...) {
    remove_files();
    throw;
  }
}

TestPki::~TestPki() { remove_files(); }

void TestPki::remove_files() noexcept {
  for (const std::string* path : {&ca_cert_path_, &server_cert_path_, &server_key_path_}) {
    std::remove(path->c_str());
  }
  ::rmdir(directory_.c_str());
}

}  // namespace refundkit::test_support
