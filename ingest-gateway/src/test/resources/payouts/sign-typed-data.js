// Signs EIP-712 typed data (eth_signTypedData_v4 JSON, argv[2]) with a private key (argv[3]) as ethers v5's
// Wallet._signTypedData does (the same _TypedDataEncoder), and prints the 0x signature. For PayoutSettingsApiTest.
const {_TypedDataEncoder} = require('@ethersproject/hash');
const {SigningKey} = require('@ethersproject/signing-key');
const {joinSignature} = require('@ethersproject/bytes');
const typedData = JSON.parse(process.argv[2]);
const types = Object.assign({}, typedData.types);
delete types.EIP712Domain; // ethers derives the domain type from the domain object
const digest = _TypedDataEncoder.hash(typedData.domain, types, typedData.message);
console.log(joinSignature(new SigningKey(process.argv[3]).signDigest(digest)));
